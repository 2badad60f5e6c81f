"""URLs of consultations, phases, drafts and comments (namespace "consultations")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    # markdownx's endpoints, wrapped: editors only, one sanitiser, raster images only.
    path("markdownx/markdownify/", views.markdown_preview, name="markdownx-preview"),
    path("markdownx/upload/", views.markdown_upload, name="markdownx-upload"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:slug>/edit/", views.consultation_edit, name="edit"),
    path("<slug:slug>/phases/new/", views.phase_create, name="phase-create"),
    path("<slug:slug>/phases/<int:pk>/edit/", views.phase_edit, name="phase-edit"),
    path("<slug:slug>/drafts/new/", views.draft_create, name="draft-create"),
    path("<slug:slug>/drafts/<int:version>/", views.draft_view, name="draft"),
    path("<slug:slug>/drafts/<int:version>/edit/", views.draft_edit, name="draft-edit"),
    path("<slug:slug>/drafts/<int:version>/publish/", views.draft_publish, name="draft-publish"),
    path(
        "<slug:slug>/drafts/<int:version>/p/<int:number>/",
        views.paragraph_comments,
        name="paragraph-comments",
    ),
    path(
        "<slug:slug>/drafts/<int:version>/p/<int:number>/comment/",
        views.comment_post,
        name="comment-post",
    ),
    path("<slug:slug>/comments/<int:pk>/hide/", views.comment_hide, name="comment-hide"),
    path("<slug:slug>/comments/<int:pk>/unhide/", views.comment_unhide, name="comment-unhide"),
    path("<slug:slug>/comments/<int:pk>/flag/", views.comment_flag, name="comment-flag"),
    path("<slug:slug>/diff/<int:v1>/<int:v2>/", views.draft_diff, name="draft-diff"),
]
