"""API and feed URLs for consultations (mounted at the site root by api/urls.py)."""

from django.urls import path, re_path

from . import feeds_consultations as feeds
from . import views_consultations as views

CONSULTATION = "api/v1/consultations/<slug:slug>/"
DRAFT = CONSULTATION + "drafts/<int:version>/"

urlpatterns = [
    path(
        "api/v1/consultations/",
        views.ConsultationViewSet.as_view({"get": "list"}),
        name="consultation-list",
    ),
    path(
        CONSULTATION,
        views.ConsultationViewSet.as_view({"get": "retrieve"}),
        name="consultation-detail",
    ),
    path(CONSULTATION + "drafts/", views.DraftList.as_view(), name="consultation-drafts"),
    path(DRAFT, views.DraftDetail.as_view(), name="draft-detail"),
    path(DRAFT + "comments/", views.CommentList.as_view(), name="draft-comments"),
    path(
        DRAFT + "paragraphs/<int:number>/comments/",
        views.comment_create,
        name="comment-create",
    ),
    path(
        CONSULTATION + "contributions/",
        views.ContributionList.as_view(),
        name="consultation-contributions",
    ),
    path(
        CONSULTATION + "contributions/summary/",
        views.ContributionSummary.as_view(),
        name="consultation-contributions-summary",
    ),
    path(CONSULTATION + "messages/", views.MessageList.as_view(), name="consultation-messages"),
    path(CONSULTATION + "outputs/", views.OutputList.as_view(), name="consultation-outputs"),
    path("api/v1/action-items/<int:id>/done/", views.action_item_done, name="action-item-done"),
    path("feeds/outputs/", feeds.OutputsFeed(), name="feed-outputs"),
    path(
        "feeds/consultations/open/",
        feeds.OpenConsultationsFeed(),
        name="feed-consultations-open",
    ),
    # Last of all the API's patterns (api/urls.py includes this module after urls_workstreams):
    # any other URL under /api/v1/ answers the API's JSON 404, never an HTML page.
    re_path(r"^api/v1/.*$", views.not_found),
]
