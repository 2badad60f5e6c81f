from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from accounts import views as account_views
from workstreams import views as workstream_views

from . import views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", workstream_views.HomeView.as_view(), name="home"),
    path("health/", views.health, name="health"),
    # The language switcher also remembers the choice in the signed-in person's profile.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("workstreams/", include("workstreams.urls")),
    path("mag/", include("mag.urls")),
    path("consultations/", include("consultations.urls")),
    path("", include("api.urls")),
    path("", include("timelines.urls")),
    path("admin/", admin.site.urls),
]

# The benchmark's bare view (issue 9), only while `make bench` serves with BENCHMARK=1.
if settings.BENCHMARK:
    urlpatterns.append(path("bench/", include("benchmarks.urls")))
