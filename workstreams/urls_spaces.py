"""URL patterns of the workstreams app for spaces; added to workstreams.urls (same namespace)."""

urlpatterns: list = []
