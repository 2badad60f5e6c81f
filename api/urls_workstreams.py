"""API and feed URLs for workstreams (mounted at the site root by api/urls.py)."""

from django.urls import path

from . import feeds_workstreams
from . import views_workstreams as views

workstream_list = views.WorkstreamViewSet.as_view({"get": "list"})
workstream_detail = views.WorkstreamViewSet.as_view({"get": "retrieve"})
meeting_list = views.MeetingViewSet.as_view({"get": "list"})
meeting_detail = views.MeetingViewSet.as_view({"get": "retrieve"})

urlpatterns = [
    path("api/v1/workstreams/", workstream_list, name="workstream-list"),
    path("api/v1/workstreams.csv", views.WorkstreamCsvView.as_view(), name="workstream-csv"),
    path("api/v1/workstreams/<slug:slug>/", workstream_detail, name="workstream-detail"),
    path(
        "api/v1/workstreams/<slug:slug>/milestones/",
        views.MilestoneListView.as_view(),
        name="workstream-milestones",
    ),
    path(
        "api/v1/workstreams/<slug:slug>/action-items/",
        views.ActionItemListView.as_view(),
        name="workstream-action-items",
    ),
    path("api/v1/nris/", views.NriListView.as_view(), name="nri-list"),
    path("api/v1/nris.csv", views.NriCsvView.as_view(), name="nri-csv"),
    path("api/v1/mag/members/", views.MagMemberListView.as_view(), name="mag-member-list"),
    path("api/v1/mag/liaisons/", views.LiaisonListView.as_view(), name="mag-liaison-list"),
    path("api/v1/meetings/", meeting_list, name="meeting-list"),
    path("api/v1/meetings/<slug:slug>/", meeting_detail, name="meeting-detail"),
    path(
        "feeds/workstreams/<slug:slug>/news/",
        feeds_workstreams.WorkstreamNewsFeed(),
        name="workstream-news-feed",
    ),
]
