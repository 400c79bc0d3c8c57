"""Django admin for superusers."""

from django.contrib import admin

from .models import Activity, Assessment, Report, ReportEntry


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "quantity", "commitment", "area"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    raw_id_fields = ["commitment"]
    autocomplete_fields = ["area", "organisation"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["commitment", "manual_status", "updated_at"]
    raw_id_fields = ["commitment"]


class ReportEntryInline(admin.TabularInline):
    model = ReportEntry
    raw_id_fields = ["commitment"]
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "promise", "period_start", "period_end", "status"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["promise"]
    inlines = [ReportEntryInline]
