from django.contrib import admin

from roadmaps.models import Roadmap


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["delegation", "status", "version", "updated_at"]
    list_filter = ["status"]
