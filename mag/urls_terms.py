"""URLs of the MAG's terms pages (included by mag/urls.py under the "mag" namespace)."""

urlpatterns = []
