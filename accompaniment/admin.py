from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accompaniment.models import ActionItem, Engagement


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ["delegation", "kind", "status", "starts_on", "visibility"]
    list_filter = ["kind", "status", "visibility"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "delegation", "owner_side", "due_on", "status"]
    list_filter = ["status", "owner_side"]
