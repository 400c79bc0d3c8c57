"""Django admin for superusers."""

from django.contrib import admin

from .models import Observation


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["observed_at", "category", "kommun", "area"]
    list_filter = ["category"]
    date_hierarchy = "observed_at"
    autocomplete_fields = ["kommun", "area", "organisation"]
