"""The read API for workstreams, NRIs and their timelines: visibility, filters, privacy, costs."""

import datetime as dt
import importlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Profile, StakeholderGroup
from api.models import ApiToken
from tests.factories import UserFactory
from timelines.models import ActionItem, ActionItemActor, Milestone
from workstreams.models import (
    DcApplication,
    DcRepresentative,
    Membership,
    NriApplication,
    Workstream,
)

LIST = reverse("api:workstream-list")
NRIS = reverse("api:nri-list")


def detail(slug):
    return reverse("api:workstream-detail", kwargs={"slug": slug})


@pytest.fixture(autouse=True)
def _stakeholder_groups(db):
    migration = importlib.import_module("accounts.migrations.0002_reference_data")
    for position, (slug, name) in enumerate(migration.STAKEHOLDER_GROUPS):
        StakeholderGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


@pytest.fixture
def api():
    return APIClient()


def nri(name, slug, level="national", status="active", **fields):
    return Workstream.objects.create(
        kind="nri", name=name, slug=slug, nri_level=level, status=status, **fields
    )


@pytest.fixture
def registry(db):
    """NRIs of each level, a youth IGF, a DC and an NRI with stakeholder groups, a BPF, and
    one proposed NRI that only its people and the Secretariat may see."""
    government = StakeholderGroup.objects.get(slug="government")
    academia = StakeholderGroup.objects.get(slug="academic-community")
    ng = nri("Nigeria IGF", "ng", country="NG")
    nri("Germany IGF", "de", country="DE", description="Digital sovereignty and AI")
    nri("Youth IGF Kenya", "ke-youth", country="KE", is_youth=True)
    nri(
        "West African IGF",
        "wa",
        level="sub_regional",
        region_name="West Africa",
        un_regional_group="AFRICAN",
    )
    nri("EuroDIG", "eurodig", level="regional", region_name="Europe")
    nri("Chile IGF", "cl", country="CL", status="inactive")
    nri("Peru IGF", "pe", country="PE", status="proposed")
    dc = Workstream.objects.create(
        kind="dc", name="DC on Internet Rights", slug="dc-irpc", status="active"
    )
    application = DcApplication.objects.create(workstream=dc, status="recognised")
    DcRepresentative.objects.create(application=application, name="R", stakeholder_group=academia)
    NriApplication.objects.create(workstream=ng, status="recognised").committee_groups.set(
        [government]
    )
    Workstream.objects.create(
        kind="bpf",
        name="BPF on Cybersecurity",
        slug="bpf-cyber",
        status="active",
        methodology="Surveys of CERTs and open calls for case studies",
        mailing_list="bpf-cyber@lists.example.org",
        archive_url="https://lists.example.org/bpf-cyber/",
    )


def slugs(response):
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


PUBLIC = {"ng", "de", "ke-youth", "wa", "eurodig", "cl", "dc-irpc", "bpf-cyber"}


# ---- Visibility ---------------------------------------------------------------------------------


def test_R_NRI_4_the_public_list_shows_recognised_workstreams_only(api, registry):
    assert slugs(api.get(LIST)) == PUBLIC
    assert slugs(api.get(LIST, {"status": "proposed"})) == set()


def test_R_NRI_4_signed_in_readers_see_their_proposed_workstream_when_asking(api, registry):
    person = UserFactory()
    Membership.objects.create(
        workstream=Workstream.objects.get(slug="pe"), user=person, role="coordinator"
    )
    api.force_login(person)
    assert "pe" not in slugs(api.get(LIST))
    assert slugs(api.get(LIST, {"status": "proposed"})) == {"pe"}
    assert api.get(detail("pe")).status_code == 200


def test_a_personal_token_reads_as_its_owner(api, registry):
    person = UserFactory()
    Membership.objects.create(
        workstream=Workstream.objects.get(slug="pe"), user=person, role="member"
    )
    _token, key = ApiToken.issue(user=person, name="script")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert slugs(api.get(LIST, {"status": "proposed"})) == {"pe"}


def test_a_proposed_workstream_is_missing_for_the_public_with_one_error_body(api, registry):
    response = api.get(detail("pe"))
    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": None, "message": "Not found.", "rule": None}]}
    assert api.get(detail("no-such-thing")).json() == response.json()


def test_the_secretariat_sees_every_proposed_workstream(api, registry, secretariat):
    api.force_login(secretariat)
    assert slugs(api.get(LIST, {"status": "proposed"})) == {"pe"}
    assert api.get(detail("pe")).status_code == 200


# ---- Filters, search, ordering, pagination ----------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "nri"}, {"ng", "de", "ke-youth", "wa", "eurodig", "cl"}),
        ({"kind": "bpf"}, {"bpf-cyber"}),
        ({"status": "inactive"}, {"cl"}),
        ({"level": "sub_regional"}, {"wa"}),
        ({"region": "AFRICAN"}, {"ng", "ke-youth", "wa"}),
        ({"country": "DE"}, {"de"}),
        ({"group": "government"}, {"ng"}),
        ({"group": "academic-community"}, {"dc-irpc"}),
        ({"youth": "true"}, {"ke-youth"}),
        ({"search": "sovereignty"}, {"de"}),
        ({"search": "CERTs"}, {"bpf-cyber"}),
        ({"search": "West Africa"}, {"wa"}),
        ({"kind": "nri", "region": "AFRICAN", "level": "national"}, {"ng", "ke-youth"}),
    ],
)
def test_R_NRI_4_each_directory_filter_narrows_the_list(api, registry, params, expected):
    assert slugs(api.get(LIST, params)) == expected


@pytest.mark.parametrize(
    "params, field",
    [
        ({"kind": "club"}, "kind"),
        ({"status": "secret"}, "status"),
        ({"region": "MARS"}, "region"),
        ({"country": "XX"}, "country"),
        ({"group": "no-such-group"}, "group"),
    ],
)
def test_an_invalid_filter_is_a_400_naming_the_field(api, registry, params, field):
    response = api.get(LIST, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["message"]


def test_the_list_orders_by_name_or_creation(api, registry):
    names = [row["name"] for row in api.get(LIST, {"ordering": "-name"}).json()["results"]]
    assert names == sorted(names, reverse=True)
    names = [row["name"] for row in api.get(LIST).json()["results"]]
    assert names == sorted(names)
    created = [row["slug"] for row in api.get(LIST, {"ordering": "created"}).json()["results"]]
    assert created[0] == "ng" and created[-1] == "bpf-cyber"


def test_every_list_is_paginated(api, registry):
    body = api.get(LIST, {"page_size": 3}).json()
    assert body["count"] == len(PUBLIC)
    assert len(body["results"]) == 3
    assert "page=2" in body["next"]
    assert api.get(LIST, {"page": 99}).status_code == 404


# ---- Detail --------------------------------------------------------------------------------------


def test_an_nri_shows_its_level_place_and_youth(api, registry):
    body = api.get(detail("ng")).json()
    assert body["nri"] == {
        "level": "national",
        "country": "NG",
        "country_name": "Nigeria",
        "region_name": "",
        "un_regional_group": "AFRICAN",
        "is_youth": False,
    }
    assert body["bpf"] is None


def test_R_BPF_6_a_bpf_shows_its_methodology_and_mailing_list(api, registry):
    body = api.get(detail("bpf-cyber")).json()
    assert body["bpf"]["methodology"].startswith("Surveys of CERTs")
    assert body["nri"] is None
    assert body["mailing_list"] == "bpf-cyber@lists.example.org"
    assert body["archive_url"] == "https://lists.example.org/bpf-cyber/"
    assert body["milestones_url"].endswith("/api/v1/workstreams/bpf-cyber/milestones/")


def test_a_detail_read_carries_last_modified_and_an_etag(api, registry):
    workstream = Workstream.objects.get(slug="ng")
    response = api.get(detail("ng"))
    assert response["Last-Modified"].endswith("GMT")
    assert response["ETag"]
    again = api.get(detail("ng"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert api.get(detail("ng")).json()["updated"] == workstream.updated.astimezone(
        dt.UTC
    ).isoformat().replace("+00:00", "Z")


def test_times_are_utc_whatever_the_readers_time_zone(api, registry):
    reader = UserFactory()
    Profile.objects.filter(user=reader).update(time_zone="Asia/Tokyo")
    api.force_login(reader)
    for row in api.get(LIST).json()["results"]:
        assert row["created"].endswith("Z")


# ---- Privacy of the people on a workstream -----------------------------------------------------


def _person(workstream, role, email, name, **profile):
    user = UserFactory(email=email, display_name=name)
    for field, value in profile.items():
        setattr(user.profile, field, value)
    user.profile.save()
    Membership.objects.create(workstream=workstream, user=user, role=role)
    return user


@pytest.fixture
def people(db, bpf_a):
    government = StakeholderGroup.objects.get(slug="government")
    public = _person(
        bpf_a,
        "coordinator",
        "open@example.org",
        "Olu Open",
        organisation="Open Org",
        stakeholder_group=government,
        country="NG",
        gender="woman",
        public_gender=True,
    )
    private = _person(
        bpf_a,
        "member",
        "shy@example.org",
        "Sia Shy",
        organisation="Hidden Org",
        stakeholder_group=government,
        country="FR",
        gender="man",
        public_organisation=False,
        public_stakeholder_group=False,
        public_country=False,
        public_gender=False,
    )
    observer = _person(bpf_a, "observer", "watcher@example.org", "Wally Watcher")
    gone = _person(bpf_a, "member", "gone@example.org", "Gus Gone")
    Membership.objects.filter(user=gone).update(revoked_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return public, private, observer, gone


def test_public_people_show_only_what_they_made_public_and_never_an_email(api, people, bpf_a):
    response = api.get(detail(bpf_a.slug))
    body = response.json()["people"]
    text = response.content.decode()
    assert body["coordinators"] == [
        {
            "id": people[0].pk,
            "name": "Olu Open",
            "organisation": "Open Org",
            "stakeholder_group": "government",
            "country": "NG",
            "un_regional_group": "AFRICAN",
            "gender": "Woman",
        }
    ]
    assert body["members"] == [
        {
            "id": people[1].pk,
            "name": "Sia Shy",
            "organisation": None,
            "stakeholder_group": None,
            "country": None,
            "un_regional_group": None,
            "gender": None,
        }
    ]
    assert body["member_total"] == 1
    for private_value in ("Hidden Org", '"FR"', "WEOG", '"Man"', "@example.org"):
        assert private_value not in text
    # Observers and revoked members are not listed, as on the workstream's page.
    assert "Wally Watcher" not in text and "Gus Gone" not in text


def test_the_directory_lists_no_people_and_no_email(api, people, bpf_a):
    text = api.get(LIST).content.decode()
    assert "@example.org" not in text and "Olu Open" not in text


def test_the_detail_costs_the_same_queries_however_many_members(
    api, bpf_a, django_assert_max_num_queries
):
    def add(n, start):
        for i in range(start, start + n):
            _person(bpf_a, "member", f"m{i}@example.org", f"Member {i}")

    add(2, 0)
    api.get(detail(bpf_a.slug))
    with django_assert_max_num_queries(20) as small:
        assert api.get(detail(bpf_a.slug)).status_code == 200
    add(40, 2)
    with django_assert_max_num_queries(20) as large:
        body = api.get(detail(bpf_a.slug)).json()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(body["people"]["members"]) == 30 and body["people"]["member_total"] == 42


# ---- Query counts of the lists ------------------------------------------------------------------


def _bulk(n, offset):
    government = StakeholderGroup.objects.get(slug="government")
    created = Workstream.objects.bulk_create(
        [
            Workstream(
                kind="nri" if i % 2 else "bpf",
                name=f"Workstream {offset + i}",
                slug=f"w-{offset + i}",
                status="active",
                nri_level="national" if i % 2 else "",
                country="NG" if i % 2 else "",
                un_regional_group="AFRICAN" if i % 2 else "",
            )
            for i in range(n)
        ]
    )
    applications = NriApplication.objects.bulk_create(
        [NriApplication(workstream=w, status="recognised") for w in created if w.kind == "nri"]
    )
    through = NriApplication.committee_groups.through
    through.objects.bulk_create(
        [through(nriapplication=a, stakeholdergroup=government) for a in applications]
    )


@pytest.mark.parametrize("url", [LIST, NRIS])
@pytest.mark.parametrize(
    "params", [{}, {"region": "AFRICAN", "group": "government", "search": "Workstream"}]
)
@pytest.mark.parametrize("signed_in", [False, True])
def test_lists_cost_the_same_queries_at_10_and_120_rows(
    api, db, django_assert_max_num_queries, url, params, signed_in
):
    if url == NRIS:
        params = {key: value for key, value in params.items() if key != "group"}
    if signed_in:
        api.force_login(UserFactory())
    _bulk(10, 0)
    api.get(url, params)
    with django_assert_max_num_queries(20) as small:
        assert api.get(url, {**params, "page_size": 200}).status_code == 200
    _bulk(110, 10)
    with django_assert_max_num_queries(20) as large:
        response = api.get(url, {**params, "page_size": 200})
    assert len(response.json()["results"]) > 50
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- NRIs ---------------------------------------------------------------------------------------


def test_R_NRI_3_the_nri_list_holds_recognised_nris_grouped_by_region(api, registry):
    body = api.get(NRIS).json()
    assert {row["slug"] for row in body["results"]} == {
        "ng",
        "de",
        "ke-youth",
        "wa",
        "eurodig",
        "cl",
    }
    groups = [row["un_regional_group"] for row in body["results"]]
    assert groups == sorted(groups)


def test_the_nri_list_never_shows_a_proposed_nri_even_to_its_people(api, registry):
    person = UserFactory()
    Membership.objects.create(
        workstream=Workstream.objects.get(slug="pe"), user=person, role="coordinator"
    )
    api.force_login(person)
    assert "pe" not in slugs(api.get(NRIS))


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"level": "regional"}, {"eurodig"}),
        ({"region": "AFRICAN"}, {"ng", "ke-youth", "wa"}),
        ({"country": "CL"}, {"cl"}),
        ({"youth": "true"}, {"ke-youth"}),
        ({"youth": "false", "region": "AFRICAN"}, {"ng", "wa"}),
        ({"search": "Euro"}, {"eurodig"}),
    ],
)
def test_each_nri_filter_narrows_the_list(api, registry, params, expected):
    assert slugs(api.get(NRIS, params)) == expected


def test_an_invalid_nri_filter_is_a_400(api, registry):
    response = api.get(NRIS, {"level": "galactic"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "level"


# ---- Milestones and action items ----------------------------------------------------------------


def milestones(slug):
    return reverse("api:workstream-milestones", kwargs={"slug": slug})


def action_items(slug):
    return reverse("api:workstream-action-items", kwargs={"slug": slug})


@pytest.fixture
def timeline(bpf_a, dc_proposed, bpf_a_coordinator):
    kept = Milestone.objects.create(
        workstream=bpf_a, title="Call for input", start=dt.date(2026, 3, 1), is_deadline=True
    )
    Milestone.objects.create(
        workstream=bpf_a,
        title="Removed step",
        start=dt.date(2026, 2, 1),
        removed_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        remove_reason="private reason",
    )
    Milestone.objects.create(workstream=bpf_a, title="Final report", start=dt.date(2026, 11, 1))
    Milestone.objects.create(workstream=dc_proposed, title="Secret plan", start=dt.date(2026, 1, 1))
    item = ActionItem.objects.create(
        workstream=bpf_a, action="Draft the survey", deadline=dt.date(2026, 4, 1)
    )
    ActionItemActor.objects.create(item=item, user=bpf_a_coordinator)
    ActionItemActor.objects.create(item=item, role="member")
    ActionItem.objects.create(
        workstream=bpf_a,
        action="Old idea",
        status="dropped",
        status_reason="nobody wanted it",
    )
    return kept


def test_R_TL_1_milestones_list_current_ones_in_date_order(api, timeline, bpf_a):
    body = api.get(milestones(bpf_a.slug)).json()
    assert [row["title"] for row in body["results"]] == ["Call for input", "Final report"]
    assert body["results"][0]["is_deadline"] is True
    assert "Removed step" not in str(body) and "private reason" not in str(body)


def test_milestones_filter_by_dates_and_deadline(api, timeline, bpf_a):
    url = milestones(bpf_a.slug)
    assert [r["title"] for r in api.get(url, {"start_after": "2026-06-01"}).json()["results"]] == [
        "Final report"
    ]
    assert [r["title"] for r in api.get(url, {"is_deadline": "true"}).json()["results"]] == [
        "Call for input"
    ]
    assert api.get(url, {"start_after": "soon"}).json()["errors"][0]["field"] == "start_after"


def test_a_private_workstreams_timeline_is_missing_for_others(
    api, timeline, dc_proposed, dc_coordinator, outsider
):
    assert api.get(milestones(dc_proposed.slug)).status_code == 404
    assert api.get(action_items(dc_proposed.slug)).status_code == 404
    api.force_login(outsider)
    assert api.get(milestones(dc_proposed.slug)).status_code == 404
    api.force_login(dc_coordinator)
    assert [r["title"] for r in api.get(milestones(dc_proposed.slug)).json()["results"]] == [
        "Secret plan"
    ]


def test_R_PN_10_action_items_name_actors_by_public_name_or_role_never_email(api, timeline, bpf_a):
    response = api.get(action_items(bpf_a.slug))
    body = response.json()
    first = body["results"][0]
    assert first["action"] == "Draft the survey"
    assert first["deadline"] == "2026-04-01"
    assert first["actors"] == [
        {"name": "Ada Coordinator", "role": None},
        {"name": None, "role": "The workstream's members"},
    ]
    assert body["results"][1]["status"] == "dropped"
    text = response.content.decode()
    assert "@example.org" not in text and "nobody wanted it" not in text


def test_action_items_filter_by_status(api, timeline, bpf_a):
    rows = api.get(action_items(bpf_a.slug), {"status": "open"}).json()["results"]
    assert [row["action"] for row in rows] == ["Draft the survey"]
    response = api.get(action_items(bpf_a.slug), {"status": "late"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "status"


def test_action_items_cost_the_same_queries_however_many(
    api, bpf_a, bpf_a_coordinator, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            item = ActionItem.objects.create(workstream=bpf_a, action=f"Step {i}")
            ActionItemActor.objects.create(item=item, user=bpf_a_coordinator)
            ActionItemActor.objects.create(item=item, role="coordinator")

    add(2)
    api.get(action_items(bpf_a.slug))
    with django_assert_max_num_queries(20) as small:
        api.get(action_items(bpf_a.slug))
    add(20)
    with django_assert_max_num_queries(20) as large:
        assert len(api.get(action_items(bpf_a.slug)).json()["results"]) == 22
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- Refused query values: ordering, booleans, pages, countries ------------------------------


@pytest.mark.parametrize("value", ["nonsense", "\x00", "-updated", "name,bogus", "-"])
def test_a_refused_ordering_is_a_400_listing_the_accepted_values(api, registry, value):
    response = api.get(LIST, {"ordering": value})
    assert response.status_code == 400, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "ordering"
    assert "-created" in error["message"] and "name" in error["message"]


def test_several_accepted_orderings_are_taken(api, registry):
    assert api.get(LIST, {"ordering": "-created,name"}).status_code == 200
    assert api.get(NRIS, {"ordering": "un_regional_group,-name"}).status_code == 200


def test_the_schema_lists_the_accepted_orderings():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    [ordering] = [
        p
        for p in schema["paths"]["/api/v1/workstreams/"]["get"]["parameters"]
        if p["name"] == "ordering"
    ]
    assert ordering["schema"]["items"]["enum"] == ["name", "-name", "created", "-created"]


@pytest.mark.parametrize(
    "url, params, field",
    [
        (LIST, {"youth": "1"}, "youth"),
        (LIST, {"youth": "zzz"}, "youth"),
        (LIST, {"youth": "\x00"}, "youth"),
        (NRIS, {"youth": "yes"}, "youth"),
        (reverse("api:meeting-list"), {"mag": "zzz"}, "mag"),
    ],
)
def test_a_refused_boolean_is_a_400_naming_the_field(api, registry, url, params, field):
    response = api.get(url, params)
    assert response.status_code == 400, response.content
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_youth_false_lists_nris_that_are_not_youth_igfs(api, registry):
    assert slugs(api.get(LIST, {"youth": "false"})) == {"ng", "de", "wa", "eurodig", "cl"}


@pytest.mark.parametrize("value", ["ng", "Ng", "NG"])
def test_a_country_code_is_taken_in_either_case(api, registry, value):
    assert slugs(api.get(LIST, {"country": value})) == {"ng"}
    assert slugs(api.get(NRIS, {"country": value})) == {"ng"}


def test_a_country_name_is_refused(api, registry):
    response = api.get(LIST, {"country": "Nigeria"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "country"


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "\x00"])
def test_a_page_that_is_not_a_whole_number_from_1_is_a_400(api, registry, page):
    response = api.get(LIST, {"page": page})
    assert response.status_code == 400, response.content
    assert [error["field"] for error in response.json()["errors"]] == ["page"]


def test_a_page_past_the_end_is_a_404_naming_the_page(api, registry):
    response = api.get(LIST, {"page": 99})
    assert response.status_code == 404
    assert [error["field"] for error in response.json()["errors"]] == ["page"]
    assert api.get(LIST, {"page": 1}).status_code == 200


# ---- Any other URL under /api/v1/ ----------------------------------------------------------


NOT_FOUND = {"errors": [{"field": None, "message": "Not found.", "rule": None}]}


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nope/", "/api/v1/workstreams/nope%00x/", "/api/v1/meetings/a%00/", "/api/v1/x/y"],
)
def test_an_unknown_api_url_answers_the_json_404(api, registry, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_the_catch_all_shadows_no_real_route(api, registry):
    assert api.get("/api/v1/").status_code == 200
    assert api.get(detail("ng")).status_code == 200
    assert api.get(reverse("api:workstream-csv")).status_code == 200
    assert api.get(reverse("api:consultation-list")).status_code == 200
    response = api.get("/api/v1/workstreams")
    assert response.status_code == 301 and response["Location"].endswith("/api/v1/workstreams/")


@pytest.mark.parametrize("value", ["\x00", "1", "maybe"])
def test_a_refused_is_deadline_is_a_400(api, timeline, bpf_a, value):
    response = api.get(milestones(bpf_a.slug), {"is_deadline": value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "is_deadline"
