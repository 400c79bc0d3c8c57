"""Django admin for superusers; organisation admins use the staff UI."""

from django.contrib import admin

from .models import Area, County, Organisation


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


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kommun", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "kommun__name"]
    autocomplete_fields = ["kommun"]
