"""Django admin for superusers: imported documents and their extraction runs, read-only."""

from django.contrib import admin

from .models import ExtractionRun, SourceDocument

_RUN_FIELDS = ("created_at", "status", "extractor_version", "promise", "error")


class ExtractionRunInline(admin.TabularInline):
    model = ExtractionRun
    extra = 0
    can_delete = False
    fields = _RUN_FIELDS
    readonly_fields = _RUN_FIELDS
    show_change_link = True


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "kommun", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "source_url", "sha256"]
    readonly_fields = [
        "sha256",
        "size",
        "content_type",
        "kind",
        "raw",
        "language",
        "meta",
        "created_at",
        "created_by",
    ]
    inlines = [ExtractionRunInline]


@admin.register(ExtractionRun)
class ExtractionRunAdmin(admin.ModelAdmin):
    list_display = ["document", "status", "extractor_version", "promise", "created_at"]
    list_filter = ["status", "extractor_version"]
    search_fields = ["document__original_name", "document__source_url", "error"]
    readonly_fields = [
        "document",
        "extractor_version",
        "record",
        "status",
        "error",
        "promise",
        "source",
        "created_at",
        "created_by",
    ]
