"""URLs of consultations, phases, drafts and comments (namespace "consultations")."""

urlpatterns = []
