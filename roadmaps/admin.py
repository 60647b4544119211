from django.contrib import admin
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from roadmaps.models import (
    REVISION_FIELDS,
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
from roadmaps.services import roadmap_revision_bump

ALL_KINDS = list(REVISION_FIELDS)


class CountedChangesAdmin(SimpleHistoryAdmin):
    """Support staff's edits count as the services' do: a new version of the row
    (a form open on the old one will not overwrite it) and a new revision of the
    roadmap (the editor's cached parts are keyed on them, roadmaps/fragments.py)."""

    def _counted(self, roadmap_id, kinds):
        roadmap_revision_bump(roadmap_id=roadmap_id, kinds=kinds)

    def _kinds(self, obj):
        # A deleted or moved parent renumbers or hides everything below it.
        return (
            ALL_KINDS
            if obj._meta.model_name in {"roadmap", "pillar", "outcome", "output"}
            else [obj._meta.model_name]
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        type(obj).objects.filter(pk=obj.pk).update(version=F("version") + 1)
        self._counted(
            obj.pk if isinstance(obj, Roadmap) else obj.roadmap_id, self._kinds(obj)
        )

    def delete_model(self, request, obj):
        roadmap_id = obj.pk if isinstance(obj, Roadmap) else obj.roadmap_id
        super().delete_model(request, obj)
        self._counted(roadmap_id, self._kinds(obj))

    def delete_queryset(self, request, queryset):
        counted = [
            (obj.pk if isinstance(obj, Roadmap) else obj.roadmap_id, self._kinds(obj))
            for obj in queryset
        ]
        super().delete_queryset(request, queryset)
        for roadmap_id, kinds in counted:
            self._counted(roadmap_id, kinds)


@admin.register(Roadmap)
class RoadmapAdmin(CountedChangesAdmin):
    list_display = ["delegation", "status", "version", "updated_at"]
    list_filter = ["status"]


@admin.register(Pillar, Territory, Milestone, Coordination)
class RoadmapPartAdmin(CountedChangesAdmin):
    list_display = ["__str__", "roadmap", "version"]


@admin.register(Outcome, Output, Indicator, Activity)
class ResultAdmin(CountedChangesAdmin):
    list_display = ["__str__", "roadmap", "version", "deleted_at"]
    list_filter = ["deleted_at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "roadmap", "section", "author", "resolved_at"]
