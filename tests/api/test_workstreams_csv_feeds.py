"""CSV exports of the directory and the NRIs, and a workstream's Atom news feed."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.views_workstreams import csv_cell
from tests.factories import UserFactory
from workstreams.models import Membership, NewsPost, Workstream

WORKSTREAMS_CSV = reverse("api:workstream-csv")
NRIS_CSV = reverse("api:nri-csv")
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_url(slug):
    return reverse("api:workstream-news-feed", kwargs={"slug": slug})


@pytest.fixture
def api():
    return APIClient()


def rows(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def registry(db):
    Workstream.objects.create(
        kind="nri", name="Nigeria IGF", slug="ng", nri_level="national", country="NG",
        status="active",
    )  # fmt: skip
    Workstream.objects.create(
        kind="nri", name="Youth IGF Kenya", slug="ke-youth", nri_level="national",
        country="KE", is_youth=True, status="active",
    )  # fmt: skip
    Workstream.objects.create(
        kind="nri", name="Peru IGF", slug="pe", nri_level="national", country="PE",
        status="proposed",
    )  # fmt: skip
    Workstream.objects.create(
        kind="bpf",
        name='=HYPERLINK("http://evil.example")',
        short_name="+SUM(A1)",
        slug="bpf-evil",
        status="active",
        region_name="@cmd",
        mailing_list="bpf@lists.example.org",
    )


# ---- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (3, "3"),
    ],
)
def test_csv_cells_that_start_a_formula_are_neutralised(value, expected):
    assert csv_cell(value) == expected


def test_the_directory_csv_lists_what_the_json_lists(api, registry):
    listed = rows(api.get(WORKSTREAMS_CSV))
    assert {row["slug"] for row in listed} == {"ng", "ke-youth", "bpf-evil"}
    assert api.get(WORKSTREAMS_CSV)["Content-Disposition"] == (
        'attachment; filename="workstreams.csv"'
    )


def test_the_directory_csv_takes_the_same_filters(api, registry):
    assert [row["slug"] for row in rows(api.get(WORKSTREAMS_CSV, {"kind": "bpf"}))] == ["bpf-evil"]
    assert [row["slug"] for row in rows(api.get(WORKSTREAMS_CSV, {"youth": "true"}))] == [
        "ke-youth"
    ]
    assert rows(api.get(WORKSTREAMS_CSV, {"status": "proposed"})) == []


def test_the_directory_csv_shows_proposed_workstreams_only_to_their_people(api, registry):
    person = UserFactory()
    Membership.objects.create(
        workstream=Workstream.objects.get(slug="pe"), user=person, role="member"
    )
    api.force_login(person)
    assert [r["slug"] for r in rows(api.get(WORKSTREAMS_CSV, {"status": "proposed"}))] == ["pe"]


def test_the_directory_csv_neutralises_formula_injection(api, registry):
    row = next(r for r in rows(api.get(WORKSTREAMS_CSV)) if r["slug"] == "bpf-evil")
    assert row["name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["short_name"] == "'+SUM(A1)"
    assert row["region_name"] == "'@cmd"
    assert row["web_url"].startswith("http://testserver/")


def test_an_invalid_csv_filter_answers_the_one_error_body(api, registry):
    response = api.get(WORKSTREAMS_CSV, {"kind": "club"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "kind"
    # Asked for CSV, or ?format=csv: an error is still the one JSON body the schema documents.
    for extra in ({"HTTP_ACCEPT": "text/csv"}, {}):
        query = {"kind": "club"} if extra else {"kind": "club", "format": "csv"}
        response = api.get(WORKSTREAMS_CSV, query, **extra)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json()["errors"][0]["field"] == "kind"


def test_a_client_asking_for_csv_gets_csv(api, registry):
    assert len(rows(api.get(NRIS_CSV, HTTP_ACCEPT="text/csv"))) == 2


def test_the_nri_csv_holds_recognised_nris_with_their_filters(api, registry):
    assert {row["slug"] for row in rows(api.get(NRIS_CSV))} == {"ng", "ke-youth"}
    listed = rows(api.get(NRIS_CSV, {"country": "KE"}))
    assert [(r["slug"], r["is_youth"], r["un_regional_group"]) for r in listed] == [
        ("ke-youth", "yes", "AFRICAN")
    ]
    assert api.get(NRIS_CSV, {"level": "galactic"}).status_code == 400


def test_the_csv_exports_cost_the_same_queries_at_two_sizes(api, db, django_assert_max_num_queries):
    def add(n, start):
        Workstream.objects.bulk_create(
            [
                Workstream(
                    kind="nri",
                    name=f"NRI {i}",
                    slug=f"nri-{i}",
                    nri_level="national",
                    status="active",
                )  # fmt: skip
                for i in range(start, start + n)
            ]
        )

    add(3, 0)
    api.get(NRIS_CSV)
    with django_assert_max_num_queries(20) as small:
        api.get(WORKSTREAMS_CSV)
        api.get(NRIS_CSV)
    add(60, 3)
    with django_assert_max_num_queries(20) as large:
        assert len(rows(api.get(WORKSTREAMS_CSV))) == 63
        api.get(NRIS_CSV)
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- The Atom feed ------------------------------------------------------------------------------


@pytest.fixture
def news(bpf_a, bpf_a_coordinator):
    first = NewsPost.objects.create(
        workstream=bpf_a, title="First call", body="Send <b>input</b>.", author=bpf_a_coordinator
    )
    NewsPost.objects.filter(pk=first.pk).update(created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    second = NewsPost.objects.create(
        workstream=bpf_a, title="Second call", body="Again.", author=bpf_a_coordinator
    )
    NewsPost.objects.create(
        workstream=bpf_a,
        title="Withdrawn post",
        body="Removed.",
        author=bpf_a_coordinator,
        removed_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    return first, second


def test_the_news_feed_is_atom_with_visible_posts_newest_first(api, news, bpf_a):
    first, second = news
    response = api.get(feed_url(bpf_a.slug))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Second call", "First call"]
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/workstreams/{bpf_a.slug}/news/#news-{first.pk}")
    assert entries[1].find(f"{ATOM}author/{ATOM}name").text == "Ada Coordinator"
    # The body is escaped text, not markup of the author's.
    assert "&lt;b&gt;input&lt;/b&gt;" in entries[1].find(f"{ATOM}summary").text
    text = response.content.decode()
    assert "Withdrawn post" not in text and "coord-a@example.org" not in text


def test_a_feed_of_a_workstream_the_public_may_not_see_is_missing(api, dc_proposed, dc_coordinator):
    NewsPost.objects.create(
        workstream=dc_proposed, title="Internal", body="Private.", author=dc_coordinator
    )
    assert api.get(feed_url(dc_proposed.slug)).status_code == 404
    api.force_login(dc_coordinator)
    # Feeds are public documents: even the workstream's own people get none while it is private.
    assert api.get(feed_url(dc_proposed.slug)).status_code == 404
    assert api.get(feed_url("no-such-workstream")).status_code == 404


def test_the_news_page_links_its_feed(client, news, bpf_a, dc_proposed, dc_coordinator):
    html = client.get(reverse("workstreams:news", args=[bpf_a.slug])).content.decode()
    assert 'type="application/atom+xml"' in html and feed_url(bpf_a.slug) in html
    client.force_login(dc_coordinator)
    html = client.get(reverse("workstreams:news", args=[dc_proposed.slug])).content.decode()
    assert "application/atom+xml" not in html


def test_a_browser_following_the_csv_link_gets_the_file(api, registry):
    response = api.get(WORKSTREAMS_CSV, HTTP_ACCEPT="text/html")
    assert len(rows(response)) == 3


def test_the_csv_exports_are_csv_whatever_the_format_asked(api, registry):
    for url in (WORKSTREAMS_CSV, NRIS_CSV):
        for query in ({"format": "json"}, {"format": "csv"}, {}):
            response = api.get(url, query)
            assert response.status_code == 200
            assert response["Content-Type"].startswith("text/csv")


def test_the_csv_operations_document_no_format_parameter():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ("/api/v1/workstreams.csv", "/api/v1/nris.csv"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert "format" not in names and "ordering" in names
