"""URLs of the MAG's meetings pages (included by mag/urls.py under the "mag" namespace)."""

urlpatterns = []
