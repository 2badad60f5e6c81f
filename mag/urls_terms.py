"""URLs of the MAG's terms pages (included by mag/urls.py under the "mag" namespace)."""

from django.urls import path

from . import views_terms as views

urlpatterns = [
    path("terms/<int:pk>/renew/", views.term_renew, name="term-renew"),
    path("rotation/<int:year>/", views.rotation, name="rotation"),
    path("nominees/<int:year>/", views.nominee_list, name="nominees"),
    path("nominees/<int:year>/new/", views.nomination_create, name="nomination-create"),
    path("nominations/<int:pk>/edit/", views.nomination_edit, name="nomination-edit"),
    path("nominations/<int:pk>/status/", views.nomination_action, name="nomination-action"),
    path("selection/<int:year>/", views.selection, name="selection"),
    path("balance/", views.balance, name="balance"),
    path("balance/<int:year>/", views.balance, name="balance"),
]
