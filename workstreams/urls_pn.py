"""URL patterns of the workstreams app for Policy Networks; added to workstreams.urls."""

from django.urls import path

from . import views_pn

urlpatterns: list = [
    path("<slug:slug>/policy-network/", views_pn.pn_page, name="pn"),
    path("<slug:slug>/policy-network/topic/", views_pn.pn_topic, name="pn-topic"),
    path("<slug:slug>/policy-network/inputs/", views_pn.pn_topic_input, name="pn-topic-input"),
    path(
        "<slug:slug>/policy-network/inputs/<int:pk>/remove/",
        views_pn.pn_topic_input_remove,
        name="pn-topic-input-remove",
    ),
    path("<slug:slug>/policy-network/invite/", views_pn.pn_invite, name="pn-invite"),
    path(
        "<slug:slug>/policy-network/invitations/<int:pk>/withdraw/",
        views_pn.pn_invitation_withdraw,
        name="pn-invitation-withdraw",
    ),
    path("<slug:slug>/policy-network/invitation/", views_pn.pn_invitation, name="pn-invitation"),
    path("<slug:slug>/policy-network/consultant/", views_pn.pn_consultant, name="pn-consultant"),
    path(
        "<slug:slug>/policy-network/focal-points/",
        views_pn.pn_focal_point,
        name="pn-focal-point",
    ),
    path(
        "<slug:slug>/policy-network/nri-liaisons/",
        views_pn.pn_nri_liaison,
        name="pn-nri-liaison",
    ),
    path(
        "<slug:slug>/policy-network/nri-liaisons/<int:pk>/remove/",
        views_pn.pn_nri_liaison_remove,
        name="pn-nri-liaison-remove",
    ),
]
