"""API and feed URLs for workstreams (mounted at the site root by api/urls.py)."""

urlpatterns = []
