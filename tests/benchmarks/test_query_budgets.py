"""Query budgets of the main pages at two data sizes (issue 9): an N+1 regression fails here.

The scale-data generator makes the same shape twice, the second about five times larger (more
people, comments, paragraphs, action items, MAG members and agenda items); each main page must
stay within its budget at both sizes and make no more queries at the larger one. The shared
page cache is off, so the views themselves are measured; signed-in pages are measured too.
"""

import dataclasses

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from benchmarks.scale import SIZES, Generator, delete_generated

SMALL = SIZES["small"]
TINY = dataclasses.replace(
    SMALL,
    name="tiny",
    people=200,
    nris=5,
    dcs=4,
    bpfs=2,
    pns=2,
    paragraphs=3,
    comments=40,
    action_items=300,
    mag_members=6,
    agenda_items=3,
)

# The most queries each page may make, whatever the data size: what each makes today (measured
# 2026-11-23: 6, 3, 12, 6, 4, 8, 13, 13) with a margin of two; the draft's is within issue 9's
# target of 15 signed in or not.
BUDGETS = {
    "home": 8,
    "directory": 5,
    "workstream": 14,
    "draft": 8,
    "agenda": 6,
    "api": 10,
    "draft signed in": 15,
    "dashboard signed in": 15,
}


def measure(manifest):
    member = User.objects.get(email=manifest["sign_in"]["email"])
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(member)
    pages = {page["name"]: page["path"] for page in manifest["pages"]}
    visits = {name: (anonymous, pages[name]) for name in ("home", "directory", "workstream")}
    visits.update(
        draft=(anonymous, pages["draft"]),
        agenda=(anonymous, pages["agenda"]),
        api=(anonymous, pages["api"]),
    )
    visits["draft signed in"] = (signed_in, pages["draft"])
    visits["dashboard signed in"] = (signed_in, pages["mag_dashboard"])
    counts = {}
    for name, (client, url) in visits.items():
        client.get(url)  # first visit: sessions, caches of reference data
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
def test_main_pages_stay_within_their_query_budgets_at_two_sizes(settings):
    settings.PAGE_CACHE_SECONDS = 0
    smaller = measure(Generator(TINY).run())
    delete_generated()
    larger = measure(Generator(SMALL).run())

    over = {
        name: (smaller[name], larger[name], budget)
        for name, budget in BUDGETS.items()
        if max(smaller[name], larger[name]) > budget
    }
    assert not over, f"over budget (smaller, larger, budget): {over}"
    grew = {name: (smaller[name], larger[name]) for name in BUDGETS if larger[name] > smaller[name]}
    assert not grew, f"more queries with more data (smaller, larger): {grew}"
