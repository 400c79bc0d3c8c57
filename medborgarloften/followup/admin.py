"""Django admin for superusers."""

from django.contrib import admin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "quantity", "commitment", "area"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    raw_id_fields = ["commitment"]
    autocomplete_fields = ["area", "organisation"]
