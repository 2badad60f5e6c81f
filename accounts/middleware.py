import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

SESSION_KEY = "igfportal_time_zone"
LANGUAGE_SESSION_KEY = "igfportal_language"


def remember_time_zone(request, time_zone):
    request.session[SESSION_KEY] = time_zone
    timezone.activate(zoneinfo.ZoneInfo(time_zone))


class UserTimezoneMiddleware:
    """Show every date-time in the signed-in person's time zone (from their profile).

    The zone is kept in the session (stored in the database), so a request costs no extra
    query and any web process serves any request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = None
        if request.user.is_authenticated:
            tz_name = request.session.get(SESSION_KEY)
            if tz_name is None:
                profile = getattr(request.user, "profile", None)
                tz_name = profile.time_zone if profile else "UTC"
                request.session[SESSION_KEY] = tz_name
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name or "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class UserLanguageMiddleware:
    """Pages in the signed-in person's language (their profile's), on every device.

    The profile's language wins over the browser's cookie while they are signed in; it is
    copied into the session when they sign in (accounts.signals) and whenever they change it
    (the switcher, the profile form), so a request costs no extra query. Signed out, the
    switcher's cookie and the browser's languages apply (LocaleMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            language = request.session.get(LANGUAGE_SESSION_KEY)
            if language is None:
                profile = getattr(request.user, "profile", None)
                language = profile.language if profile else ""
                request.session[LANGUAGE_SESSION_KEY] = language
            if language and language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
