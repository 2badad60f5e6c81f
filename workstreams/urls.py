from django.urls import path

from . import timeline_views, urls_dc, urls_nri, urls_pn, urls_spaces, views

app_name = "workstreams"

urlpatterns = [
    *urls_dc.urlpatterns,
    *urls_nri.urlpatterns,
    *urls_pn.urlpatterns,
    *urls_spaces.urlpatterns,
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
    # Timeline (R-TL-1), action items (R-PN-10), follows and the public calendar feed
    path("<slug:slug>/timeline/", timeline_views.workstream_timeline, name="timeline"),
    path(
        "<slug:slug>/timeline/<int:pk>/edit/",
        timeline_views.milestone_edit,
        name="milestone-edit",
    ),
    path(
        "<slug:slug>/timeline/<int:pk>/remove/",
        timeline_views.milestone_remove,
        name="milestone-remove",
    ),
    path("<slug:slug>/actions/", timeline_views.workstream_action_items, name="action-items"),
    path(
        "<slug:slug>/actions/<int:pk>/edit/",
        timeline_views.action_item_edit,
        name="action-item-edit",
    ),
    path(
        "<slug:slug>/actions/<int:pk>/done/",
        timeline_views.action_item_done,
        name="action-item-done",
    ),
    path(
        "<slug:slug>/actions/<int:pk>/drop/",
        timeline_views.action_item_drop,
        name="action-item-drop",
    ),
    path("<slug:slug>/follow/", timeline_views.workstream_follow, name="follow"),
    path("<slug:slug>/unfollow/", timeline_views.workstream_unfollow, name="unfollow"),
    path("<slug:slug>/calendar.ics", timeline_views.calendar_feed, name="calendar"),
]
