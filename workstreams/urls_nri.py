"""URL patterns of the workstreams app for nri; added to workstreams.urls (same namespace)."""

from django.urls import path

from . import views_nri

urlpatterns: list = [
    path("apply/nri/", views_nri.nri_apply, name="nri-apply"),
    path("support/", views_nri.support_queue, name="support-queue"),
    path("support/<int:pk>/answer/", views_nri.support_answer, name="support-answer"),
    path("<slug:slug>/nri/", views_nri.nri_application, name="nri-application"),
    path("<slug:slug>/nri/review/", views_nri.nri_review, name="nri-review"),
    path("<slug:slug>/nri/assess/<slug:principle>/", views_nri.nri_assess, name="nri-assess"),
    path("<slug:slug>/nri/decide/", views_nri.nri_decide, name="nri-decide"),
    path("<slug:slug>/support/", views_nri.support_requests, name="support"),
]
