"""X-Query-Count on every response while the benchmark runs (BENCHMARK=1, issue 9).

settings.py puts this middleware first, around every other one, so the count covers the whole
request: sessions, authentication, a shared page cache and the view alike. It counts through
Django's execute wrapper, which sees every query without DEBUG (the benchmark serves with
DEBUG off, as production does).
"""

from contextlib import ExitStack

from django.db import connections

HEADER = "X-Query-Count"


class QueryCounter:
    """An execute wrapper that counts the statements run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response[HEADER] = str(counter.count)
        return response
