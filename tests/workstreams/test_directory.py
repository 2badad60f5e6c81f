"""The public directory: recognised workstreams, filtered, searched and paged (R-NRI-4)."""

import importlib

import pytest
from django.urls import reverse

from accounts.models import StakeholderGroup
from tests.factories import UserFactory
from workstreams.models import DcApplication, DcRepresentative, NriApplication, Workstream

URL = reverse("workstreams:list")


@pytest.fixture(autouse=True)
def _stakeholder_groups(db):
    """The groups from accounts' data migration; a transactional test run earlier (live
    server, workers) flushes the database and takes them with it."""
    migration = importlib.import_module("accounts.migrations.0002_reference_data")
    for position, (slug, name) in enumerate(migration.STAKEHOLDER_GROUPS):
        StakeholderGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


def nri(name, slug, level="national", status="active", **fields):
    return Workstream.objects.create(
        kind="nri", name=name, slug=slug, nri_level=level, status=status, **fields
    )


@pytest.fixture
def registry(db):
    """A small registry: NRIs of each level, a youth IGF, DCs with their groups, a BPF."""
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
    ng_application = NriApplication.objects.create(workstream=ng, status="recognised")
    ng_application.committee_groups.set([government])
    Workstream.objects.create(
        kind="bpf",
        name="BPF on Cybersecurity",
        slug="bpf-cyber",
        status="active",
        methodology="Surveys of CERTs and open calls for case studies",
    )
    return locals()


def names(client, **params):
    html = client.get(URL, params).content.decode()
    listed = {w.name for w in Workstream.objects.all() if f">{w.name}</a>" in html}
    return listed, html


def test_R_NRI_4_the_directory_lists_only_recognised_workstreams_by_default(client, registry):
    listed, _ = names(client)
    assert "Peru IGF" not in listed  # proposed
    assert {"Nigeria IGF", "Chile IGF", "DC on Internet Rights", "BPF on Cybersecurity"} <= listed


def test_R_NRI_4_the_secretariat_sees_proposed_ones_only_when_asking(client, registry, secretariat):
    client.force_login(secretariat)
    assert "Peru IGF" not in names(client)[0]
    assert names(client, status="proposed")[0] == {"Peru IGF"}


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kind": "dc"}, {"DC on Internet Rights"}),
        ({"status": "inactive"}, {"Chile IGF"}),
        ({"level": "sub_regional"}, {"West African IGF"}),
        ({"level": "regional"}, {"EuroDIG"}),
        ({"region": "AFRICAN"}, {"Nigeria IGF", "Youth IGF Kenya", "West African IGF"}),
        ({"region": "WEOG", "kind": "nri"}, {"Germany IGF"}),
        ({"country": "KE"}, {"Youth IGF Kenya"}),
        ({"group": "government"}, {"Nigeria IGF"}),
        ({"group": "academic-community"}, {"DC on Internet Rights"}),
        ({"youth": "yes"}, {"Youth IGF Kenya"}),
        ({"q": "sovereignty"}, {"Germany IGF"}),
        ({"q": "case studies"}, {"BPF on Cybersecurity"}),
        ({"q": "west africa"}, {"West African IGF"}),
        ({"q": "Chile", "status": "inactive"}, {"Chile IGF"}),
    ],
)
def test_directory_filters_each_narrow_the_list(client, registry, params, expected):
    """Filters by kind, status, NRI level, UN regional group (R-NRI-3), country, stakeholder
    group, youth, and search by name and topic."""
    assert names(client, **params)[0] == expected


def test_directory_filters_are_a_labelled_get_form_and_invalid_values_are_ignored(client, registry):
    listed, html = names(client, level="nonsense", country="XX", group="nobody")
    assert "Nigeria IGF" in listed
    assert '<form method="get"' in html
    for field in ("q", "kind", "status", "level", "region", "country", "group", "youth"):
        assert f'<label for="id_{field}">' in html


def test_R_NRI_3_nris_are_grouped_by_un_regional_group(client, registry):
    _, html = names(client, kind="nri")
    african = html.index("African Group")
    assert african < html.index("Nigeria IGF") < html.index("West African IGF")
    assert html.index("Western European and Others Group") < html.index("Germany IGF")


def test_directory_shows_an_empty_state(client, registry):
    _, html = names(client, kind="pn")
    assert "No workstream matches these filters." in html


def test_directory_pages_keep_the_filters(client, settings, db):
    settings.PAGINATE_BY = 5
    for n in range(12):
        nri(f"Forum {n:02d} IGF", f"f{n}", country="NG")
    Workstream.objects.create(kind="dc", name="DC Zero", slug="dc-zero", status="active")
    html = client.get(URL, {"kind": "nri", "country": "NG"}).content.decode()
    assert "Page 1 of 3" in html
    assert "kind=nri&amp;country=NG&amp;page=2" in html
    third = client.get(URL, {"kind": "nri", "country": "NG", "page": 3}).content.decode()
    assert "Forum 11 IGF" in third and "DC Zero" not in third


def _bulk(n, start):
    government = StakeholderGroup.objects.get(slug="government")
    rows = [
        Workstream(
            kind="nri" if i % 2 else "dc",
            name=f"Workstream {start + i:04d}",
            slug=f"ws-{start + i}",
            status="active",
            nri_level="national" if i % 2 else "",
            country="NG" if i % 2 else "",
            un_regional_group="AFRICAN" if i % 2 else "",
        )
        for i in range(n)
    ]
    created = Workstream.objects.bulk_create(rows)
    applications = NriApplication.objects.bulk_create(
        [NriApplication(workstream=w, status="recognised") for w in created if w.kind == "nri"]
    )
    through = NriApplication.committee_groups.through
    through.objects.bulk_create(
        [through(nriapplication=a, stakeholdergroup=government) for a in applications]
    )


@pytest.mark.parametrize(
    "params",
    [{}, {"kind": "nri", "region": "AFRICAN", "group": "government", "q": "Workstream"}],
)
def test_directory_costs_the_same_queries_at_10_and_200_workstreams(
    client, django_assert_max_num_queries, db, params
):
    client.force_login(UserFactory())
    _bulk(10, 0)
    client.get(URL, params)
    with django_assert_max_num_queries(10) as small:
        assert client.get(URL, params).status_code == 200
    _bulk(190, 10)
    with django_assert_max_num_queries(10) as large:
        assert client.get(URL, params).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
