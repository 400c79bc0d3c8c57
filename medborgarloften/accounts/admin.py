"""Django admin for superusers; coordinators use the staff UI."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class MedborgarloftenUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


# Staff sign in to the admin through the site's sign-in page, so lockout and
# two-factor apply there as well (accounts.views.SignInView).
def _sign_in_through_the_site(request, extra_context=None):
    from .views import _admin_login

    return _admin_login(request, extra_context)


admin.site.login = _sign_in_through_the_site
