"""Django admin for superusers; coordinators use the staff UI at /personal/."""

from django.contrib import admin

from .models import Agreement, Commitment, FocusArea, Promise, Revision, Signatory


class FocusAreaInline(admin.StackedInline):
    model = FocusArea
    extra = 0
    autocomplete_fields = ["areas"]


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    autocomplete_fields = ["areas", "other_parties"]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "period_start", "period_end"]
    list_filter = ["status"]
    search_fields = ["title", "parties__name"]
    autocomplete_fields = ["parties", "areas"]
    readonly_fields = ["uid", "created_at", "updated_at"]
    inlines = [FocusAreaInline, CommitmentInline, SignatoryInline]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "period_start", "period_end"]
    autocomplete_fields = ["parties"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["promise", "action", "actor", "created_at"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
