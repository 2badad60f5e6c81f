"""URLs of the MAG's dashboard pages (included by mag/urls.py under the "mag" namespace)."""

urlpatterns = []
