from django.urls import path

from roadmaps.views import editor, exports, history, items, references, review

KIND = "<str:kind>/<int:item_pk>"

app_name = "roadmaps"

urlpatterns = [
    path(
        "convenings/<int:pk>/reference-indicators/",
        references.reference_list,
        name="reference_list",
    ),
    path(
        "reference-indicators/<int:pk>/edit/",
        references.reference_edit,
        name="reference_edit",
    ),
    path(
        "reference-indicators/<int:pk>/delete/",
        references.reference_delete,
        name="reference_delete",
    ),
    path("roadmaps/<int:pk>/", editor.roadmap_editor, name="roadmap_editor"),
    path(
        "roadmaps/<int:pk>/structure/",
        editor.roadmap_structure,
        name="roadmap_structure",
    ),
    path(
        "roadmaps/<int:pk>/presence/",
        editor.roadmap_presence,
        name="roadmap_presence",
    ),
    path(
        "roadmaps/<int:pk>/text/<str:group>/",
        editor.roadmap_text_save,
        name="roadmap_text_save",
    ),
    path(
        "roadmaps/<int:pk>/add/<str:kind>/",
        items.roadmap_item_add,
        name="roadmap_item_add",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/edit/",
        items.roadmap_item_edit,
        name="roadmap_item_edit",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/move/",
        items.roadmap_item_move,
        name="roadmap_item_move",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/move-to/",
        items.roadmap_item_reparent,
        name="roadmap_item_reparent",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/delete/",
        items.roadmap_item_delete,
        name="roadmap_item_delete",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/undo-move/",
        history.roadmap_item_move_undo,
        name="roadmap_item_move_undo",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/undelete/",
        items.roadmap_item_undelete,
        name="roadmap_item_undelete",
    ),
    path(
        "roadmaps/<int:pk>/comments/",
        review.roadmap_comment_add,
        name="roadmap_comment_add",
    ),
    path(
        "roadmaps/<int:pk>/comments/<int:comment_pk>/resolve/",
        review.roadmap_comment_resolve,
        name="roadmap_comment_resolve",
    ),
    path(
        "roadmaps/<int:pk>/status/",
        review.roadmap_status_change,
        name="roadmap_status_change",
    ),
    path("roadmaps/<int:pk>/history/", history.roadmap_history, name="roadmap_history"),
    path(
        f"roadmaps/<int:pk>/history/{KIND}/",
        history.roadmap_item_history,
        name="roadmap_item_history",
    ),
    path(
        f"roadmaps/<int:pk>/history/{KIND}/restore/",
        history.roadmap_item_restore,
        name="roadmap_item_restore",
    ),
]

# PDF exports (roadmaps.views_exports).
urlpatterns += [
    path(
        "roadmaps/<int:pk>/exports/",
        exports.roadmap_exports,
        name="roadmap_exports",
    ),
    path(
        "roadmaps/<int:pk>/exports/new/",
        exports.roadmap_export_request,
        name="roadmap_export_request",
    ),
    path(
        "convenings/<int:pk>/reports/",
        exports.cohort_reports,
        name="cohort_reports",
    ),
    path(
        "convenings/<int:pk>/reports/new/",
        exports.cohort_export_request,
        name="cohort_export_request",
    ),
    path("exports/<int:pk>/", exports.export_detail, name="export_detail"),
    path("exports/<int:pk>/status/", exports.export_status, name="export_status"),
    path(
        "exports/<int:pk>/download/",
        exports.export_download,
        name="export_download",
    ),
    path("exports/<int:pk>/retry/", exports.export_retry, name="export_retry"),
]
