from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
]
