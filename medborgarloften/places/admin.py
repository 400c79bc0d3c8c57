"""Django admin for superusers; organisation admins use the staff UI.

Changes to what an organisation serves are audited here as in the staff UI
(``OrganisationEvent``), with the source "django-admin".
"""

from typing import Any

from django.contrib import admin

from .models import Area, County, Organisation, OrganisationEvent
from .services import organisation_access_record


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "police_region"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "county", "parent"]
    list_filter = ["kind", "county"]
    search_fields = ["name", "code"]
    filter_horizontal = ["serves"]
    exclude = ["version"]

    def save_model(
        self, request: Any, obj: Organisation, form: Any, change: bool
    ) -> None:
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: Any, form: Any, formsets: Any, change: bool
    ) -> None:
        organisation = form.instance
        before = set(organisation.serves.all()) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(organisation.serves.all())
        organisation_access_record(
            organisation=organisation,
            granted=sorted(after - before, key=lambda k: k.code),
            revoked=sorted(before - after, key=lambda k: k.code),
            actor=request.user,
            source="django-admin",
        )


@admin.register(OrganisationEvent)
class OrganisationEventAdmin(admin.ModelAdmin):
    """The audit trail: read only, even for superusers."""

    list_display = ["created_at", "organisation", "kommun", "action", "actor", "source"]
    list_filter = ["action", "source"]
    search_fields = ["organisation__name", "kommun__name", "summary"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kommun", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "kommun__name"]
    autocomplete_fields = ["kommun"]
    exclude = ["version"]

    def save_model(self, request: Any, obj: Area, form: Any, change: bool) -> None:
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
