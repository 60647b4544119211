from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from roadmaps.models import (
    Activity,
    Comment,
    Coordination,
    Indicator,
    Milestone,
    Outcome,
    Output,
    Pillar,
    Roadmap,
    Territory,
)


@admin.register(Roadmap)
class RoadmapAdmin(SimpleHistoryAdmin):
    list_display = ["delegation", "status", "version", "updated_at"]
    list_filter = ["status"]


@admin.register(Pillar, Territory, Milestone, Coordination)
class RoadmapPartAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "roadmap", "version"]


@admin.register(Outcome, Output, Indicator, Activity)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "roadmap", "version", "deleted_at"]
    list_filter = ["deleted_at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "roadmap", "section", "author", "resolved_at"]
