"""URL patterns of the workstreams app for nri; added to workstreams.urls (same namespace)."""

urlpatterns: list = []
