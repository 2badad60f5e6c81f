"""URL patterns of the workstreams app for dc; added to workstreams.urls (same namespace)."""

urlpatterns: list = []
