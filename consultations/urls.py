from django.urls import include, path

from . import urls_drafts, urls_outputs

app_name = "consultations"

urlpatterns = [
    path("", include(urls_outputs)),
    path("", include(urls_drafts)),
]
