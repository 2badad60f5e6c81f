"""Rate limits: per anonymous client (DRF's AnonRateThrottle) and per personal token.

Counters live in the shared cache (the database cache or Redis), never in process memory.
"""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return None  # anonymous clients and browser sessions: other limits apply
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
