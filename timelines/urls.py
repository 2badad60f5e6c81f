from django.urls import path

from . import views

app_name = "timelines"

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification-open"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications-read-all"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path(
        "notifications/settings/calendar/new-address/",
        views.calendar_rotate,
        name="calendar-rotate",
    ),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal-calendar"),
]
