from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import urls_consultations, urls_workstreams, views

app_name = "api"

urlpatterns = [
    path("api/v1/", views.api_root, name="root"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("profile/api-tokens/", views.token_list, name="tokens"),
    path("profile/api-tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("", include(urls_workstreams)),
    path("", include(urls_consultations)),
]
