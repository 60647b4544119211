from django.urls import path

from roadmaps import views, views_exports

KIND = "<str:kind>/<int:item_pk>"

app_name = "roadmaps"

urlpatterns = [
    path("roadmaps/<int:pk>/", views.roadmap_editor, name="roadmap_editor"),
    path(
        "roadmaps/<int:pk>/structure/",
        views.roadmap_structure,
        name="roadmap_structure",
    ),
    path(
        "roadmaps/<int:pk>/text/<str:group>/",
        views.roadmap_text_save,
        name="roadmap_text_save",
    ),
    path(
        "roadmaps/<int:pk>/add/<str:kind>/",
        views.roadmap_item_add,
        name="roadmap_item_add",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/edit/",
        views.roadmap_item_edit,
        name="roadmap_item_edit",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/move/",
        views.roadmap_item_move,
        name="roadmap_item_move",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/move-to/",
        views.roadmap_item_reparent,
        name="roadmap_item_reparent",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/delete/",
        views.roadmap_item_delete,
        name="roadmap_item_delete",
    ),
    path(
        f"roadmaps/<int:pk>/{KIND}/undelete/",
        views.roadmap_item_undelete,
        name="roadmap_item_undelete",
    ),
    path(
        "roadmaps/<int:pk>/comments/",
        views.roadmap_comment_add,
        name="roadmap_comment_add",
    ),
    path(
        "roadmaps/<int:pk>/comments/<int:comment_pk>/resolve/",
        views.roadmap_comment_resolve,
        name="roadmap_comment_resolve",
    ),
    path(
        "roadmaps/<int:pk>/status/",
        views.roadmap_status_change,
        name="roadmap_status_change",
    ),
    path("roadmaps/<int:pk>/history/", views.roadmap_history, name="roadmap_history"),
    path(
        f"roadmaps/<int:pk>/history/{KIND}/",
        views.roadmap_item_history,
        name="roadmap_item_history",
    ),
    path(
        f"roadmaps/<int:pk>/history/{KIND}/restore/",
        views.roadmap_item_restore,
        name="roadmap_item_restore",
    ),
]

# PDF exports (roadmaps.views_exports).
urlpatterns += [
    path(
        "roadmaps/<int:pk>/exports/",
        views_exports.roadmap_exports,
        name="roadmap_exports",
    ),
    path(
        "roadmaps/<int:pk>/exports/new/",
        views_exports.roadmap_export_request,
        name="roadmap_export_request",
    ),
    path(
        "convenings/<int:pk>/reports/",
        views_exports.cohort_reports,
        name="cohort_reports",
    ),
    path(
        "convenings/<int:pk>/reports/new/",
        views_exports.cohort_export_request,
        name="cohort_export_request",
    ),
    path("exports/<int:pk>/", views_exports.export_detail, name="export_detail"),
    path("exports/<int:pk>/status/", views_exports.export_status, name="export_status"),
    path(
        "exports/<int:pk>/download/",
        views_exports.export_download,
        name="export_download",
    ),
    path("exports/<int:pk>/retry/", views_exports.export_retry, name="export_retry"),
]
