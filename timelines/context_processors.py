from django.utils.functional import SimpleLazyObject

from .models import Notification


def notifications(request):
    """The unread count for the header: one query, and only when a template shows it."""

    def unread():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"unread_notifications": SimpleLazyObject(unread)}
