"""Nominations, the nominee list and the selection appointed by the UN SG (R-MAG-4)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.exceptions import DomainError
from mag import nominations as services
from mag.models import MagEvent, MagSelection, MagTerm, Nomination
from tests.factories import IgfCycleFactory, UserFactory, stakeholder_group

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "mag_member", "secretariat"]


@pytest.fixture
def next_cycle(cycle):
    return IgfCycleFactory(year=cycle.year + 1)


def _nominate(secretariat, cycle, name, email, **fields):
    values = {
        "name": name,
        "email": email,
        "organisation": "Example Org",
        "stakeholder_group": stakeholder_group("civil-society"),
        "country": "KE",
        "gender": "woman",
        "biography": "Works on access.",
        "publish_listing": True,
        "public_fields": [],
    }
    values.update(fields)
    return services.add_nomination(actor=secretariat, cycle=cycle, **values)


@pytest.fixture
def nominees(secretariat, next_cycle):
    return {
        "open": _nominate(
            secretariat,
            next_cycle,
            "Amara Open",
            "amara@example.org",
            organisation="Open Networks Trust",
            public_fields=["organisation", "country", "biography"],
            biography="Ran a community network.",
        ),
        "name-only": _nominate(
            secretariat,
            next_cycle,
            "Bruno Nameonly",
            "bruno@example.org",
            organisation="Hidden Org Ltd",
        ),
        "unlisted": _nominate(
            secretariat,
            next_cycle,
            "Chen Unlisted",
            "chen@example.org",
            publish_listing=False,
        ),
    }


# ---- The nominee list -------------------------------------------------------------------------


def test_R_MAG_4_the_public_list_shows_only_what_each_nominee_agreed_to_publish(
    client, nominees, next_cycle
):
    response = client.get(reverse("mag:nominees", args=[next_cycle.year]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amara Open" in page and "Open Networks Trust" in page and "Kenya" in page
    assert "Ran a community network." in page
    # Bruno agreed to be listed, nothing more: his organisation and country stay private.
    assert "Bruno Nameonly" in page and "Hidden Org Ltd" not in page
    # Chen did not agree to be listed at all.
    assert "Chen Unlisted" not in page
    assert "@example.org" not in page


def test_R_MAG_4_the_secretariat_sees_every_nominee_with_email_and_what_is_private(
    client, secretariat, nominees, next_cycle
):
    client.force_login(secretariat)
    page = client.get(reverse("mag:nominees", args=[next_cycle.year])).content.decode()
    assert "Chen Unlisted" in page and "chen@example.org" in page
    assert "Did not agree to be listed" in page
    assert "Hidden Org Ltd" in page and "not public" in page


def test_R_MAG_4_the_nominee_list_is_published_by_default_and_the_setting_hides_it(
    client, secretariat, nominees, next_cycle
):
    assert MagSelection.objects.get(cycle=next_cycle).publish_nominees is True
    url = reverse("mag:nominees", args=[next_cycle.year])
    client.force_login(secretariat)
    response = client.post(reverse("mag:selection", args=[next_cycle.year]), {"step": "publish"})
    assert response.status_code == 302
    assert MagEvent.objects.filter(action="nominee_list_unpublished").exists()
    assert "Amara Open" in client.get(url).content.decode()  # the Secretariat still sees it
    client.logout()
    response = client.get(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert "does not publish the list of nominees" in page and "Amara Open" not in page


def test_R_MAG_4_an_empty_nominee_list_says_so(client, next_cycle):
    page = client.get(reverse("mag:nominees", args=[next_cycle.year])).content.decode()
    assert f"No nominee is listed for IGF {next_cycle.year} yet." in page


# ---- Recording nominations -----------------------------------------------------------------------


def _form(**changes):
    data = {
        "name": "Dara Newnominee",
        "email": "dara@example.org",
        "organisation": "Example Lab",
        "stakeholder_group": stakeholder_group("academic-community").pk,
        "country": "BR",
        "gender": "non_binary",
        "developing_country": "",
        "biography": "Researches routing.",
        "nominated_by": "Academic community",
        "publish_listing": "on",
        "public_fields": ["organisation", "gender"],
    }
    data.update(changes)
    return data


def test_R_MAG_4_a_nomination_recorded_through_the_form_keeps_the_consent_given(
    client, secretariat, next_cycle
):
    client.force_login(secretariat)
    response = client.post(reverse("mag:nomination-create", args=[next_cycle.year]), _form())
    assert response.status_code == 302
    nomination = Nomination.objects.get(email="dara@example.org")
    assert nomination.public_fields == ["organisation", "gender"]
    assert nomination.developing_country is True  # Brazil, from the shipped list
    assert [nomination.is_public(f) for f in ("organisation", "country")] == [True, False]
    assert MagEvent.objects.get(action="nomination_added").details["public_fields"] == [
        "organisation",
        "gender",
    ]
    client.logout()
    page = client.get(reverse("mag:nominees", args=[next_cycle.year])).content.decode()
    assert "Example Lab" in page and "Non-binary" in page and "Brazil" not in page


def test_R_MAG_4_publishing_details_without_agreeing_to_be_listed_is_refused_on_the_form(
    client, secretariat, next_cycle
):
    client.force_login(secretariat)
    data = _form(publish_listing="", name="Dara Typed")
    response = client.post(reverse("mag:nomination-create", args=[next_cycle.year]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "R-MAG-4: these are published only with the nominee&#x27;s agreement" in page
    assert 'value="Dara Typed"' in page and "Researches routing." in page
    assert not Nomination.objects.exists()


def test_a_second_nomination_with_the_same_email_is_named(
    client, secretariat, nominees, next_cycle
):
    client.force_login(secretariat)
    url = reverse("mag:nomination-create", args=[next_cycle.year])
    response = client.post(url, _form(email="AMARA@example.org"))
    assert response.status_code == 400
    assert "amara@example.org is already nominated for IGF" in response.content.decode()


def test_R_MAG_4_editing_a_nomination_records_which_fields_changed(
    client, secretariat, nominees, next_cycle
):
    client.force_login(secretariat)
    nomination = nominees["unlisted"]
    url = reverse("mag:nomination-edit", args=[nomination.pk])
    assert "chen@example.org" in client.get(url).content.decode()
    data = _form(name="Chen Unlisted", email="chen@example.org", public_fields=["country"])
    assert client.post(url, data).status_code == 302
    nomination.refresh_from_db()
    assert nomination.publish_listing and nomination.public_fields == ["country"]
    changed = MagEvent.objects.get(action="nomination_changed").details["changed"]
    assert "publish_listing" in changed and "email" not in changed


def test_R_MAG_4_proposing_and_withdrawing_are_recorded(client, secretariat, nominees):
    client.force_login(secretariat)
    url = reverse("mag:nomination-action", args=[nominees["open"].pk])
    assert client.post(url, {"action": "propose"}).status_code == 302
    assert client.post(url, {"action": "propose"}).status_code == 302  # already proposed
    nominees["open"].refresh_from_db()
    assert nominees["open"].status == Nomination.Status.PROPOSED
    assert client.post(url, {"action": "withdraw"}).status_code == 302
    nominees["open"].refresh_from_db()
    assert nominees["open"].status == Nomination.Status.WITHDRAWN
    actions = list(MagEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["nomination_propose", "nomination_withdraw"]
    # A withdrawn nominee leaves the public list.
    client.logout()
    page = client.get(reverse("mag:nominees", args=[nominees["open"].cycle.year]))
    assert "Amara Open" not in page.content.decode()


# ---- The selection, submitted to and appointed by the UN Secretary-General ----------------------


def test_R_MAG_4_an_empty_selection_cannot_be_submitted(secretariat, nominees, next_cycle):
    with pytest.raises(DomainError, match="R-MAG-4: the proposed selection is empty"):
        services.submit_selection(actor=secretariat, cycle=next_cycle, submitted_on=dt.date.today())


def test_R_MAG_4_the_selection_is_recorded_as_submitted_then_appointed_and_shown(
    client, secretariat, nominees, next_cycle
):
    existing = UserFactory(email="amara@example.org", display_name="Amara Open")
    for key in ("open", "name-only"):
        services.change_nomination_status(
            actor=secretariat, nomination=nominees[key], action="propose"
        )
    client.force_login(secretariat)
    url = reverse("mag:selection", args=[next_cycle.year])
    submitted_on = f"{next_cycle.year - 1}-10-01"
    response = client.post(url, {"step": "submit", "submitted_on": submitted_on})
    assert response.status_code == 302
    # Once submitted, the nominations are frozen.
    with pytest.raises(DomainError, match="R-MAG-4: the selection for IGF .* has been submitted"):
        services.change_nomination_status(
            actor=secretariat, nomination=nominees["unlisted"], action="propose"
        )
    response = client.post(
        url,
        {
            "step": "appoint",
            "appointed": [nominees["open"].pk],
            "appointed_on": f"{next_cycle.year - 1}-12-01",
            "announcement_url": "https://example.org/mag-appointed",
            "term_start": f"{next_cycle.year}-01-01",
            "term_end": f"{next_cycle.year}-12-31",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    statuses = dict(Nomination.objects.values_list("name", "status"))
    assert statuses == {
        "Amara Open": "appointed",
        "Bruno Nameonly": "not_selected",
        "Chen Unlisted": "nominated",
    }
    log = client.get(url).content.decode()
    assert "Selection submitted to the Secretary-General" in log and "Amara Open" in log
    term = MagTerm.objects.get(user=existing, cycle=next_cycle)
    assert (term.stakeholder_group.slug, term.country.code) == ("civil-society", "KE")
    client.logout()
    page = client.get(url).content.decode()
    assert "Appointed by the UN Secretary-General" in page
    assert f"1 Oct {next_cycle.year - 1}" in page and f"1 Dec {next_cycle.year - 1}" in page
    assert "1 member appointed" in page and "https://example.org/mag-appointed" in page
    assert "Record the appointment" not in page  # the public sees no forms
    actions = set(MagEvent.objects.values_list("action", flat=True))
    assert {"selection_submitted", "selection_appointed", "nomination_appointed"} <= actions


def test_R_MAG_2_an_appointment_past_three_years_is_refused_and_nothing_is_recorded(
    secretariat, next_cycle
):
    veteran = UserFactory(email="veteran@example.org", display_name="Vera Veteran")
    for year in (next_cycle.year - 3, next_cycle.year - 2, next_cycle.year - 1):
        cycle = IgfCycleFactory(year=year)
        MagTerm.objects.create(
            user=veteran,
            cycle=cycle,
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            stakeholder_group=stakeholder_group("government"),
            country="RO",
        )
    nomination = _nominate(secretariat, next_cycle, "Vera Veteran", "veteran@example.org")
    services.change_nomination_status(actor=secretariat, nomination=nomination, action="propose")
    services.submit_selection(
        actor=secretariat, cycle=next_cycle, submitted_on=dt.date(next_cycle.year - 1, 10, 1)
    )
    with pytest.raises(DomainError, match="R-MAG-2"):
        services.record_appointment(
            actor=secretariat,
            cycle=next_cycle,
            appointed=[nomination],
            appointed_on=dt.date(next_cycle.year - 1, 12, 1),
            term_start=dt.date(next_cycle.year, 1, 1),
            term_end=dt.date(next_cycle.year, 12, 31),
        )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED
    assert MagSelection.objects.get(cycle=next_cycle).status == MagSelection.Status.SUBMITTED


def test_R_MAG_4_an_appointment_before_the_submission_is_named_on_the_form(
    client, secretariat, nominees, next_cycle
):
    services.change_nomination_status(
        actor=secretariat, nomination=nominees["open"], action="propose"
    )
    services.submit_selection(
        actor=secretariat, cycle=next_cycle, submitted_on=dt.date(next_cycle.year - 1, 10, 1)
    )
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:selection", args=[next_cycle.year]),
        {
            "step": "appoint",
            "appointed": [nominees["open"].pk],
            "appointed_on": f"{next_cycle.year - 1}-09-01",
            "term_start": f"{next_cycle.year}-01-01",
            "term_end": f"{next_cycle.year}-12-31",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The appointment comes on or after the submission." in page
    assert f'value="{next_cycle.year - 1}-09-01"' in page


# ---- Bad input, permissions, query counts --------------------------------------------------------


@pytest.mark.parametrize("value", ["bad\x00value", "x" * 100_000], ids=["nul", "huge"])
def test_bad_input_on_every_nomination_form_is_refused_not_a_server_error(
    client, secretariat, nominees, next_cycle, value
):
    client.force_login(secretariat)
    selection = reverse("mag:selection", args=[next_cycle.year])
    posts = [
        (reverse("mag:nomination-create", args=[next_cycle.year]), _form(name=value)),
        (reverse("mag:nomination-create", args=[next_cycle.year]), _form(biography=value)),
        (
            reverse("mag:nomination-edit", args=[nominees["open"].pk]),
            _form(email=value, country=value, public_fields=[value]),
        ),
        (reverse("mag:nomination-action", args=[nominees["open"].pk]), {"action": value}),
        (selection, {"step": value}),
        (selection, {"step": "submit", "submitted_on": value, "reason": value}),
        (selection, {"step": "appoint", "appointed": [value], "announcement_url": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 400, 404), (url, response.status_code)
    assert Nomination.objects.count() == 3
    assert set(Nomination.objects.values_list("status", flat=True)) == {"nominated"}
    assert MagSelection.objects.get(cycle=next_cycle).status == "open"


@pytest.fixture
def world(secretariat, mag_member, outsider, nominees, next_cycle):
    return {"cycle": next_cycle, "nomination": nominees["open"]}


MATRIX = [
    ("nominees", "get", lambda w: [w["cycle"].year], None, (200, 200, 200, 200)),
    ("selection", "get", lambda w: [w["cycle"].year], None, (200, 200, 200, 200)),
    ("balance", "get", lambda w: [w["cycle"].year], None, (200, 200, 200, 200)),
    ("nomination-create", "get", lambda w: [w["cycle"].year], None, (302, 403, 403, 200)),
    ("nomination-edit", "get", lambda w: [w["nomination"].pk], None, (302, 403, 403, 200)),
    (
        "nomination-create",
        "post",
        lambda w: [w["cycle"].year],
        lambda w: _form(),
        (302, 403, 403, 302),
    ),
    (
        "nomination-action",
        "post",
        lambda w: [w["nomination"].pk],
        lambda w: {"action": "propose"},
        (302, 403, 403, 302),
    ),
    (
        "selection",
        "post",
        lambda w: [w["cycle"].year],
        lambda w: {"step": "publish", "publish_nominees": "on"},
        (302, 403, 403, 302),
    ),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize(
    ("name", "method", "args", "data", "expected"), MATRIX, ids=[f"{r[1]}-{r[0]}" for r in MATRIX]
)
def test_R_MAG_4_role_by_action_permission_matrix(
    client, request, world, role_index, role, name, method, args, data, expected
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse(f"mag:{name}", args=args(world))
    response = client.get(url) if method == "get" else client.post(url, data(world))
    assert response.status_code == expected[role_index]
    if role == "anonymous" and expected[role_index] == 302:
        assert "/accounts/login/" in response["Location"]
    page = response.content.decode()
    # Nominee emails are the Secretariat's only.
    assert ("amara@example.org" in page) == (
        role == "secretariat" and method == "get" and name in ("nominees", "nomination-edit")
    )


def _add_nominees(secretariat, cycle, count, start):
    for n in range(start, start + count):
        _nominate(
            secretariat,
            cycle,
            f"Nominee {n:03}",
            f"nominee{n}@example.org",
            public_fields=["organisation", "country"],
            stakeholder_group=stakeholder_group(["government", "civil-society"][n % 2]),
        )


@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_the_nominee_page_runs_the_same_number_of_queries_at_two_sizes(
    client, request, secretariat, next_cycle, role
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse("mag:nominees", args=[next_cycle.year])
    counts = []
    for size in (2, 40):
        _add_nominees(secretariat, next_cycle, size - Nomination.objects.count(), 1000 + size)
        client.get(url)  # the first request of a session caches the reader's roles
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 10


def test_R_MAG_4_after_the_appointment_the_page_lists_the_appointed_and_who_has_no_term(
    client, secretariat, nominees, next_cycle
):
    UserFactory(email="amara@example.org", display_name="Amara Open")
    for key in ("open", "name-only"):
        services.change_nomination_status(
            actor=secretariat, nomination=nominees[key], action="propose"
        )
    services.submit_selection(
        actor=secretariat, cycle=next_cycle, submitted_on=dt.date(next_cycle.year - 1, 10, 1)
    )
    client.force_login(secretariat)
    url = reverse("mag:selection", args=[next_cycle.year])
    response = client.post(
        url,
        {
            "step": "appoint",
            "appointed": [nominees["open"].pk, nominees["name-only"].pk],
            "appointed_on": f"{next_cycle.year - 1}-12-01",
            "term_start": f"{next_cycle.year}-01-01",
            "term_end": f"{next_cycle.year}-12-31",
        },
        follow=True,
    )
    page = " ".join(response.content.decode().split())
    # The message says plainly who got a term and who did not (no portal account).
    assert "terms are on the roll" not in page
    assert "1 appointed member now has a MAG term on the roll" in page
    assert "Bruno Nameonly has no portal account, so no term yet" in page
    # The page lists the appointed members instead of an empty proposed selection.
    assert "Nominees in the proposed selection" not in page
    assert "No nominee is proposed yet" not in page
    assert "The appointed members" in page and "Nominees appointed" in page
    appointed = page.split("The appointed members")[1].split("</ul>")[0]
    assert "Amara Open" in appointed and "Bruno Nameonly" in appointed
    assert appointed.count("No portal account: no MAG term yet") == 1
    assert "One appointed member has no portal account" in page
    # The public sees who was appointed, not who lacks an account.
    client.logout()
    public = " ".join(client.get(url).content.decode().split())
    assert "Amara Open" in public and "Bruno Nameonly" in public
    assert "No portal account" not in public


def test_R_MAG_4_the_service_refuses_public_fields_without_the_listing_agreement(
    secretariat, next_cycle
):
    """Checked where the nomination is recorded, not only in the form."""
    with pytest.raises(DomainError, match="R-MAG-4"):
        _nominate(
            secretariat,
            next_cycle,
            "Nia Nominee",
            "nia@example.org",
            publish_listing=False,
            public_fields=["organisation"],
        )
    assert not Nomination.objects.filter(email="nia@example.org").exists()
