from django.contrib import admin

from participants.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Support staff look invitations up; organizers send them from the app."""

    list_display = ["participant", "sent_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["participant__convening"]
    search_fields = ["participant__user__email", "participant__user__full_name"]
    list_select_related = ["participant__user", "participant__delegation"]
    readonly_fields = [
        "participant",
        "key",
        "sent_by",
        "sent_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        return False
