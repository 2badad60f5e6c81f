from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("profile/your-data/", views.your_data, name="your-data"),
    path("profile/your-data/download/", views.your_data_download, name="your-data-download"),
    path("profile/close/", views.close_own_account, name="close-account"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
]
