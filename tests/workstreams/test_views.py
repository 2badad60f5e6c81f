import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory, WorkstreamFactory
from workstreams import services
from workstreams.models import Membership, Workstream


def test_granting_a_role_to_an_unknown_address_names_it_and_keeps_the_input(
    client, bpf_a, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:members", args=[bpf_a.slug]),
        {"email": "nobody@example.org", "role": "observer", "reason": "Invited at the June call"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "No account uses nobody@example.org" in page
    assert 'value="nobody@example.org"' in page
    assert "Invited at the June call" in page
    assert re.search(r'<option value="observer"\s+selected>', page)


def test_granting_a_role_twice_shows_the_rule_on_the_form(
    client, bpf_a, bpf_a_coordinator, bpf_a_member
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:members", args=[bpf_a.slug]),
        {"email": bpf_a_member.email, "role": "observer"},
    )
    assert response.status_code == 400
    assert "already has a role" in response.content.decode()
    assert Membership.objects.active().get(workstream=bpf_a, user=bpf_a_member).role == "member"


def test_removing_a_person_without_a_reason_asks_for_one(
    client, bpf_a, bpf_a_coordinator, bpf_a_member
):
    client.force_login(bpf_a_coordinator)
    membership = Membership.objects.get(workstream=bpf_a, user=bpf_a_member)
    url = reverse("workstreams:membership-revoke", args=[bpf_a.slug, membership.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Give a reason for removing this person" in response.content.decode()
    response = client.post(url, {"reason": "Left the organisation"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.revoke_reason == "Left the organisation"


def test_a_membership_of_another_workstream_cannot_be_reached_through_this_one(
    client, bpf_a, bpf_b, bpf_a_coordinator, bpf_b_member
):
    """Tenant first: a coordinator of BPF A cannot touch BPF B's rows by guessing their ids."""
    client.force_login(bpf_a_coordinator)
    membership = Membership.objects.get(workstream=bpf_b, user=bpf_b_member)
    response = client.post(
        reverse("workstreams:membership-revoke", args=[bpf_a.slug, membership.pk]),
        {"reason": "Trying"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("workstreams:membership-change", args=[bpf_a.slug, membership.pk]),
        {"role": "observer"},
    )
    assert response.status_code == 404
    assert Membership.objects.active().get(pk=membership.pk).role == "member"


def test_editing_with_a_bad_address_keeps_every_typed_value(client, bpf_a, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:edit", args=[bpf_a.slug]),
        {
            "name": bpf_a.name,
            "short_name": "BPF-CS",
            "description": "A long description I do not want to type again.",
            "mailing_list": "not-an-address",
            "archive_url": "https://lists.example.org/archive",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert "A long description I do not want to type again." in page
    assert 'value="BPF-CS"' in page
    bpf_a.refresh_from_db()
    assert bpf_a.short_name == ""


def test_status_decision_without_reason_is_refused_on_the_form(client, secretariat, bpf_a):
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:status", args=[bpf_a.slug]), {"action": "deactivate"}
    )
    assert response.status_code == 400
    assert "Give a reason for this decision" in response.content.decode()
    response = client.post(
        reverse("workstreams:status", args=[bpf_a.slug]),
        {"action": "deactivate", "reason": "No activity for two cycles"},
    )
    assert response.status_code == 302
    bpf_a.refresh_from_db()
    assert bpf_a.status == "inactive"
    history = client.get(reverse("workstreams:history", args=[bpf_a.slug])).content.decode()
    assert "No activity for two cycles" in history
    assert "Sam Secretariat" in history


def test_an_action_not_allowed_from_the_status_is_refused_not_a_server_error(
    client, secretariat, bpf_a
):
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:status", args=[bpf_a.slug]), {"action": "activate", "reason": "x"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_registering_an_nri_without_a_level_names_the_field(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:create"),
        {"kind": "nri", "name": "Atlantis IGF", "slug": "atlantis-igf", "country": "PT"},
    )
    assert response.status_code == 400
    assert (
        "Choose whether the initiative is national, sub-regional or regional."
        in response.content.decode()
    )
    assert 'value="Atlantis IGF"' in response.content.decode()
    assert not Workstream.objects.filter(slug="atlantis-igf").exists()


def test_the_secretariat_registers_a_workstream_through_the_form(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:create"),
        {"kind": "dc", "name": "DC on Data", "slug": "dc-data", "reason": "Application of May"},
    )
    assert response.status_code == 302
    assert Workstream.objects.get(slug="dc-data").status == "proposed"


def test_joining_from_the_workstream_page(client, bpf_a, outsider):
    client.force_login(outsider)
    page = client.get(bpf_a.get_absolute_url()).content.decode()
    assert "Join this workstream" in page
    response = client.post(reverse("workstreams:join", args=[bpf_a.slug]), follow=True)
    assert "You are now a member of BPF on Cybersecurity." in response.content.decode()
    assert "Leave this workstream" in response.content.decode()


def test_directory_search_filters_by_kind_and_text_with_an_empty_state(client, bpf_a, bpf_b):
    WorkstreamFactory(kind="nri", nri_level="national", country="NG", name="Nigeria IGF", slug="ng")
    page = client.get(reverse("workstreams:list"), {"kind": "nri"}).content.decode()
    assert "Nigeria IGF" in page and "BPF on Cybersecurity" not in page
    page = client.get(reverse("workstreams:list"), {"q": "gender"}).content.decode()
    assert "BPF on Gender and Access" in page and "Nigeria IGF" not in page
    page = client.get(reverse("workstreams:list"), {"q": "zzz-nothing"}).content.decode()
    assert "No workstream matches" in page


def test_directory_paginates(client, settings, db):
    settings.PAGINATE_BY = 5
    for n in range(12):
        WorkstreamFactory(name=f"Forum {n:02d}")
    first = client.get(reverse("workstreams:list")).content.decode()
    assert "Page 1 of 3" in first and "Forum 00" in first and "Forum 05" not in first
    third = client.get(reverse("workstreams:list"), {"page": 3}).content.decode()
    assert "Forum 11" in third


def _populate(n):
    coordinator = UserFactory()
    for i in range(n):
        workstream = WorkstreamFactory(kind=["dc", "bpf", "pn", "programme"][i % 4])
        Membership.objects.create(workstream=workstream, user=coordinator, role="coordinator")
        for _ in range(3):
            Membership.objects.create(workstream=workstream, user=UserFactory(), role="member")
    return coordinator


@pytest.mark.parametrize("url_name", ["home", "workstreams:list"])
def test_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, url_name, db
):
    """The home page and the directory run a bounded number of queries at any size."""
    coordinator = _populate(3)
    client.force_login(coordinator)
    client.get(reverse(url_name))  # warm the session
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse(url_name)).status_code == 200
    _populate(30)
    with django_assert_max_num_queries(12) as large:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("page", ["detail", "members", "history"])
def test_workstream_pages_query_count_does_not_grow_with_members(
    client, django_assert_max_num_queries, secretariat, bpf_a, page
):
    client.force_login(secretariat)
    url = reverse(f"workstreams:{page}", args=[bpf_a.slug])

    def add_people(n):
        for _ in range(n):
            services.grant_role(
                workstream=bpf_a, user=UserFactory(), role="member", actor=secretariat
            )
            services.grant_role(
                workstream=bpf_a, user=UserFactory(), role="coordinator", actor=secretariat
            )

    add_people(2)
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    add_people(20)
    with django_assert_max_num_queries(20) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("language,direction", [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_base_template_sets_lang_and_dir(client, db, language, direction):
    client.cookies["django_language"] = language
    page = client.get("/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page


def test_pages_load_nothing_from_another_host(client, secretariat, bpf_a):
    client.force_login(secretariat)
    for url in ["/", "/workstreams/", bpf_a.get_absolute_url(), "/accounts/signup/", "/profile/"]:
        page = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(?:https?:)?//(?!testserver)[^"]+"', page)
        # Links a person follows are fine; nothing is loaded (scripts, styles, images, fonts).
        loaded = [
            tag for tag in re.findall(r"<(?:script|link|img|iframe)[^>]*>", page) if "//" in tag
        ]
        assert loaded == [], (url, loaded, external)


def test_private_workstream_does_not_leak_into_lists_or_home(client, outsider, dc_proposed, bpf_a):
    client.force_login(outsider)
    for url in ["/", "/workstreams/", "/workstreams/?kind=dc", "/workstreams/?q=Testing"]:
        assert "Dynamic Coalition on Testing" not in client.get(url).content.decode()


def test_home_counts_what_its_all_link_opens(client, dc_coordinator, dc_proposed):
    """A coordinator's own proposed DC is under "Your workstreams", not in the public count."""
    for n in range(9):
        WorkstreamFactory(kind=Workstream.Kind.DC, name=f"DC number {n}", slug=f"dc-n{n}")
    client.force_login(dc_coordinator)
    home = client.get("/").content.decode()
    directory = client.get("/workstreams/?kind=dc").content.decode()
    assert 'Dynamic Coalitions <span class="count">(9)</span>' in home
    assert "All 9" in home
    assert directory.count('href="/workstreams/dc-n') == 9
    assert "Your workstreams" in home and "Dynamic Coalition on Testing" in home


def test_dates_read_the_same_way_on_every_page(client, secretariat, bpf_a):
    """News, documents and notifications use the portal's date format, like everything else."""
    import datetime as dt

    import time_machine

    from workstreams import spaces

    client.force_login(secretariat)
    with time_machine.travel(dt.datetime(2026, 11, 23, 13, 5, tzinfo=dt.UTC), tick=False):
        spaces.post_news(workstream=bpf_a, actor=secretariat, title="Call open", body="Details.")
    page = client.get(reverse("workstreams:news", args=[bpf_a.slug])).content.decode()
    assert "23 Nov 2026" in page and "Nov. 23, 2026" not in page


def test_an_nri_recognised_before_the_portal_links_to_no_missing_statement(client, secretariat):
    """Imported NRIs have no statement: their page must not link to a page that 404s."""
    nri = WorkstreamFactory(
        kind=Workstream.Kind.NRI,
        name="Imported IGF",
        slug="nri-imported",
        nri_level="national",
        country="KE",
    )
    client.force_login(secretariat)
    page = client.get(nri.get_absolute_url()).content.decode()
    assert reverse("workstreams:nri-application", args=[nri.slug]) not in page
    assert "no statement on file" in page
