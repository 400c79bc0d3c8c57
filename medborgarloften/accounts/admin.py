"""Django admin for superusers; coordinators use the staff UI."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from medborgarloften.accounts.views import _admin_login

from .models import ExternalIdentity, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class ExternalIdentityInline(admin.TabularInline):
    """Single sign-on links; deleting one lets the next sign-on link anew."""

    model = ExternalIdentity
    extra = 0
    readonly_fields = ["issuer", "subject", "created_at", "last_used_at"]

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(User)
class MedborgarloftenUserAdmin(UserAdmin):
    inlines = [MembershipInline, ExternalIdentityInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


# Staff sign in to the admin through the site's sign-in page, so lockout and
# two-factor apply there as well (accounts.views.SignInView).
def _sign_in_through_the_site(request, extra_context=None):

    return _admin_login(request, extra_context)


# Replacing the one site's sign-in view is the point; mypy forbids assigning methods.
admin.site.login = _sign_in_through_the_site  # type: ignore[method-assign]
