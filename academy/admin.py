from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from academy.models import (
    Convening,
    ConveningRole,
    Delegation,
    Organization,
    Participant,
    Session,
)


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    # Curated organizations are kept in both languages ("UN Women", "ONU Mujeres").
    list_display = ["name", "acronym", "convening"]
    search_fields = ["name_es", "name_en", "acronym"]


class ConveningRoleInline(admin.TabularInline):
    model = ConveningRole
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Convening)
class ConveningAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "city", "start_date", "end_date"]
    filter_horizontal = ["co_organizers"]
    inlines = [ConveningRoleInline]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["country", "convening"]
    list_filter = ["convening"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "convening", "module", "starts_at", "room"]
    list_filter = ["convening", "module"]
    filter_horizontal = ["facilitators"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["user", "delegation", "sector", "organization"]
    list_filter = ["convening", "sector"]
    autocomplete_fields = ["user"]
