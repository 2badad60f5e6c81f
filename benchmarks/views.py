"""The bare view of the benchmark (BENCHMARK=1): the floor every page is compared with."""

from django.shortcuts import render


def bare(request):
    """A small static template rendered through the whole middleware stack, with no query:
    what Django, the middleware and gunicorn cost before a page does any work of its own."""
    return render(request, "benchmarks/bare.html")
