"""Public pages as an anonymous reader sees them, kept in the shared cache.

Only pages named in PAGE_CACHE_VIEWS are kept, only for GET and HEAD requests from readers
with no account signed in, no session, no pending message and no Authorization header: such
a page holds nothing personal, so one copy serves every anonymous reader of that language.
A signed-in person is never served from this cache and their pages are never stored in it.

The cached copy carries a placeholder where the page's CSRF token was (the language form is
on every page); each reader gets their own token put back, with its cookie, when it is served.

Every write to the portal's data (any save or delete of a model of its apps, and any
successful POST, PUT, PATCH or DELETE request) replaces, once its transaction commits, a
version that is part of every key, so no reader sees a page older than the last change;
PAGE_CACHE_SECONDS bounds what changes with time alone. The copies live in their own cache
("pages"), so however many there are, they never push out a throttling counter or a lock.
"""

import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
PLACEHOLDER = "__pagecache_csrf_token__"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
HIT_HEADER = "X-Page-Cache"


def page_cache():
    return caches["pages"]


def current_version():
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version():
    """A new random version: every copy kept so far is out of date. A plain set, so two
    writers at once cannot lose an update (an increment could)."""
    try:
        page_cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must never fail a write
        logger.exception("page cache version not moved")


def eligible(request):
    """A request whose answer holds nothing personal and may be shared."""
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    if request.user.is_authenticated or "HTTP_AUTHORIZATION" in request.META:
        return False
    # A session (sign-up under way, a message after signing out) or a message cookie
    # means the page may show something for this reader only.
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    match = request.resolver_match
    return bool(match) and match.view_name in settings.PAGE_CACHE_VIEWS


def key_for(request):
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path()
    digest = hashlib.sha256(f"{language}|{path}".encode()).hexdigest()
    return f"pagecache:{current_version()}:{digest}"


def storable(response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.has_header("Cache-Control") and "private" in response["Cache-Control"]:
        return False
    # Only the CSRF cookie may be set: it is replaced per reader when the page is served.
    return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}


def store(key, response):
    body = response.content.decode(response.charset)
    body = CSRF_INPUT.sub(rf"\g<1>{PLACEHOLDER}\g<2>", body)
    headers = {
        name: value
        for name, value in response.headers.items()
        if name.lower() not in ("set-cookie", "vary", "content-length", "etag")
    }
    # A weak validator of the shared copy, computed once here rather than on every hit (the
    # readers' copies differ only by their own CSRF token).
    digest = hashlib.md5(body.encode(), usedforsecurity=False).hexdigest()
    headers["ETag"] = f'W/"{digest}"'
    page_cache().set(key, {"body": body, "headers": headers}, settings.PAGE_CACHE_SECONDS)


def serve(request, stored):
    body = stored["body"]
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, get_token(request))
    response = HttpResponse(body)
    for name, value in stored["headers"].items():
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response
