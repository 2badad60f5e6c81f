"""URLs of the MAG's meetings pages (included by mag/urls.py under the "mag" namespace)."""

from django.urls import path

from . import views_meetings as views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path(
        "meetings/non-participation/<int:year>/",
        views.nonparticipation,
        name="nonparticipation",
    ),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_ics, name="meeting-ics"),
    path("meetings/<slug:slug>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<slug:slug>/agenda/", views.agenda_edit, name="agenda-edit"),
    path("meetings/<slug:slug>/register/", views.meeting_register, name="meeting-register"),
    path("meetings/<slug:slug>/records/", views.meeting_records, name="meeting-records"),
    path(
        "meetings/<slug:slug>/records/<int:pk>/",
        views.meeting_record_download,
        name="meeting-record",
    ),
    path("meetings/<slug:slug>/attendance/", views.attendance, name="attendance"),
]
