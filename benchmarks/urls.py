"""Included at /bench/ by igfportal/urls.py only when settings.BENCHMARK is on."""

from django.urls import path

from . import views

app_name = "benchmarks"
urlpatterns = [
    path("bare/", views.bare, name="bare"),
]
