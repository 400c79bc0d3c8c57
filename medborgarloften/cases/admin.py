"""Django admin for superusers: routing rules and answer templates are kept here."""

from django.contrib import admin

from .models import AnswerTemplate, Case, RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["kommun", "theme", "area", "owner", "days"]
    list_filter = ["theme"]
    autocomplete_fields = ["kommun", "area", "owner"]


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kommun", "organisation"]
    autocomplete_fields = ["kommun", "organisation"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["pk", "kommun", "theme", "status", "owner", "moderation", "due_on"]
    list_filter = ["status", "moderation", "source", "theme"]
    raw_id_fields = ["activity", "commitment", "duplicate_of"]
    autocomplete_fields = ["kommun", "area", "owner"]
    exclude = ["email"]
