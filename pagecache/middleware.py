from django.db import transaction

from . import cache as page_cache

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AnonymousPageCacheMiddleware:
    """Serve and store the public pages anonymous readers ask for (see pagecache.cache).

    Placed after the authentication, locale and CSRF middleware, so it knows who asks and in
    which language, and CSRF sets each reader's cookie on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in UNSAFE and response.status_code < 400:
            # Whatever a successful write changed (bulk updates send no signal), it shows.
            transaction.on_commit(page_cache.bump_version)
        key = getattr(request, "_pagecache_key", None)
        if key and page_cache.storable(response):
            page_cache.store(key, response)
            response[page_cache.HIT_HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not page_cache.eligible(request):
            return None
        key = page_cache.key_for(request)
        stored = page_cache.page_cache().get(key)
        if stored is not None:
            return page_cache.serve(request, stored)
        request._pagecache_key = key
        return None
