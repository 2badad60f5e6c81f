"""URL patterns of the workstreams app for spaces; added to workstreams.urls (same namespace)."""

from django.urls import path

from . import views_spaces

urlpatterns: list = [
    path("<slug:slug>/news/", views_spaces.NewsListView.as_view(), name="news"),
    path("<slug:slug>/news/new/", views_spaces.news_create, name="news-create"),
    path("<slug:slug>/news/<int:pk>/edit/", views_spaces.news_edit, name="news-edit"),
    path("<slug:slug>/news/<int:pk>/remove/", views_spaces.news_remove, name="news-remove"),
    path("<slug:slug>/documents/", views_spaces.DocumentListView.as_view(), name="documents"),
    path("<slug:slug>/documents/upload/", views_spaces.document_upload, name="document-upload"),
    path(
        "<slug:slug>/documents/<int:pk>/download/",
        views_spaces.document_download,
        name="document-download",
    ),
    path(
        "<slug:slug>/documents/<int:pk>/remove/",
        views_spaces.document_remove,
        name="document-remove",
    ),
]
