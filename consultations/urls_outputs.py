"""URLs of contributions, the editorial group, messages, outputs and the entity directory."""

urlpatterns = []
