"""API and feed URLs for consultations (mounted at the site root by api/urls.py)."""

urlpatterns = []
