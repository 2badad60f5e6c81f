"""URL patterns of the workstreams app for dc; added to workstreams.urls (same namespace)."""

from django.urls import path

from . import views_dc

urlpatterns: list = [
    path("apply/dc/", views_dc.dc_apply, name="dc-apply"),
    path("review/", views_dc.review_queue, name="review-queue"),
    path("dc-reports/", views_dc.dc_reports, name="dc-reports"),
    path("<slug:slug>/application/", views_dc.dc_application, name="dc-application"),
    path(
        "<slug:slug>/application/review/",
        views_dc.dc_application_review,
        name="dc-application-review",
    ),
    path("<slug:slug>/annual-report/", views_dc.dc_annual_report, name="dc-annual-report"),
]
