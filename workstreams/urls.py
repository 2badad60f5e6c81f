from django.urls import path

from . import views

app_name = "workstreams"

urlpatterns = [
    path("", views.WorkstreamListView.as_view(), name="list"),
    path("new/", views.WorkstreamCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.workstream_detail, name="detail"),
    path("<slug:slug>/members/", views.workstream_members, name="members"),
    path("<slug:slug>/members/<int:pk>/role/", views.membership_change, name="membership-change"),
    path("<slug:slug>/members/<int:pk>/revoke/", views.membership_revoke, name="membership-revoke"),
    path("<slug:slug>/reviewers/", views.reviewer_grant, name="reviewer-grant"),
    path(
        "<slug:slug>/reviewers/<int:user_id>/revoke/", views.reviewer_revoke, name="reviewer-revoke"
    ),
    path("<slug:slug>/edit/", views.workstream_edit, name="edit"),
    path("<slug:slug>/status/", views.workstream_status, name="status"),
    path("<slug:slug>/history/", views.WorkstreamHistoryView.as_view(), name="history"),
    path("<slug:slug>/join/", views.workstream_join, name="join"),
    path("<slug:slug>/leave/", views.workstream_leave, name="leave"),
]
