"""URLs of the MAG's dashboard pages (included by mag/urls.py under the "mag" namespace)."""

from django.urls import path

from . import views_dashboard as views

urlpatterns = [
    path("duties/mine/", views.my_duties, name="my-duties"),
    path("duties/all/", views.all_duties, name="all-duties"),
    path("duties/members/<int:pk>/", views.member_duties, name="member-duties"),
    path("bpf/progress/<slug:slug>/", views.bpf_progress, name="bpf-progress"),
]
