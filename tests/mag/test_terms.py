"""Terms, renewals and the rotation planner (R-MAG-1, R-MAG-2)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from mag import services
from mag.models import MagEvent, MagTerm
from mag.terms import rotation_for
from tests.factories import IgfCycleFactory, UserFactory, stakeholder_group

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "mag_member", "secretariat"]


def _first_term(secretariat, user, cycle, **kwargs):
    fields = {
        "stakeholder_group": stakeholder_group("civil-society"),
        "country": "KE",
        "gender": "woman",
    }
    fields.update(kwargs)
    return services.create_mag_term(
        actor=secretariat,
        user=user,
        cycle=cycle,
        start=dt.date(cycle.year, 1, 1),
        end=dt.date(cycle.year, 12, 31),
        **fields,
    )


def _member_in_year(secretariat, cycle, year_on_the_mag, email, name, **kwargs):
    """A person whose term in `cycle` is their first, second or third year on the MAG."""
    user = UserFactory(email=email, display_name=name)
    first = IgfCycleFactory(year=cycle.year - year_on_the_mag + 1)
    term = _first_term(secretariat, user, first, **kwargs)
    for _ in range(year_on_the_mag - 1):
        IgfCycleFactory(year=term.cycle.year + 1)
        term = services.renew_mag_term(actor=secretariat, term=term)
    assert term.cycle == cycle
    return term


@pytest.fixture
def next_cycle(cycle):
    return IgfCycleFactory(year=cycle.year + 1)


# ---- R-MAG-1: what a term records ---------------------------------------------------------------


def test_R_MAG_1_a_term_records_group_region_country_gender_and_start(secretariat, cycle):
    user = UserFactory(email="kamau@example.org", display_name="Wanjiru Kamau")
    term = _first_term(secretariat, user, cycle)
    term.refresh_from_db()
    assert (term.stakeholder_group.slug, term.un_regional_group, term.country.code) == (
        "civil-society",
        "AFRICAN",
        "KE",
    )
    assert (term.gender, term.start) == ("woman", dt.date(cycle.year, 1, 1))
    # Kenya is on the shipped list of developing countries: the default applies.
    assert term.developing_country is True
    event = MagEvent.objects.get(action="term_created")
    assert (event.actor, event.subject_user, event.cycle) == (secretariat, user, cycle)


def test_R_MAG_1_the_secretariat_may_override_the_developing_country_default(secretariat, cycle):
    user = UserFactory(email="dk@example.org")
    term = _first_term(secretariat, user, cycle, country="DK", developing_country=None)
    assert term.developing_country is False
    other = UserFactory(email="dk2@example.org")
    assert _first_term(
        secretariat, other, cycle, country="DK", developing_country=True
    ).developing_country


def test_R_MAG_1_the_term_form_records_gender_and_the_developing_flag_and_lists_them(
    client, secretariat, cycle
):
    UserFactory(email="new-mag@example.org", display_name="Nia New")
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:terms"),
        {
            "email": "new-mag@example.org",
            "cycle": cycle.pk,
            "start": f"{cycle.year}-01-01",
            "end": f"{cycle.year}-12-31",
            "stakeholder_group": stakeholder_group("government").pk,
            "country": "FR",
            "gender": "non_binary",
            "developing_country": "yes",
        },
    )
    assert response.status_code == 302
    term = MagTerm.objects.get(user__email="new-mag@example.org")
    assert (term.gender, term.developing_country) == ("non_binary", True)
    page = client.get(reverse("mag:terms")).content.decode()
    assert "Non-binary" in page and f"1 Jan {cycle.year}" in page
    assert "Western European and Others Group" in page


def test_R_MAG_1_an_unknown_gender_on_the_term_form_is_named_and_the_input_kept(
    client, secretariat, cycle
):
    UserFactory(email="new-mag@example.org")
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:terms"),
        {
            "email": "new-mag@example.org",
            "cycle": cycle.pk,
            "start": "not a date",
            "end": f"{cycle.year}-12-31",
            "stakeholder_group": stakeholder_group("government").pk,
            "country": "FR",
            "gender": "robot",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page and "Enter a valid date" in page
    assert 'value="new-mag@example.org"' in page and 'value="not a date"' in page
    assert not MagTerm.objects.filter(user__email="new-mag@example.org").exists()


# ---- R-MAG-2: renewals, at most three years ----------------------------------------------------


def test_R_MAG_2_a_renewal_continues_the_term_into_the_next_cycle(secretariat, cycle, next_cycle):
    term = _member_in_year(secretariat, cycle, 1, "one@example.org", "Una One")
    renewed = services.renew_mag_term(actor=secretariat, term=term, reason="Asked to continue")
    assert (renewed.cycle, renewed.renewal_of, renewed.start) == (
        next_cycle,
        term,
        dt.date(next_cycle.year, 1, 1),
    )
    assert (renewed.stakeholder_group, renewed.gender) == (term.stakeholder_group, "woman")
    event = MagEvent.objects.get(action="term_renewed")
    assert (event.reason, event.details["year_on_the_mag"]) == ("Asked to continue", 2)


def test_R_MAG_2_a_renewal_past_three_years_is_refused_naming_the_rule(
    secretariat, cycle, next_cycle
):
    term = _member_in_year(secretariat, cycle, 3, "three@example.org", "Tia Three")
    with pytest.raises(DomainError) as refused:
        services.renew_mag_term(actor=secretariat, term=term)
    message = str(refused.value.messages[0])
    assert message.startswith("R-MAG-2: no member serves more than 3 years")
    assert "Tia Three has already served 3 terms" in message
    assert not MagTerm.objects.filter(cycle=next_cycle).exists()
    assert MagEvent.objects.filter(action="term_renewed").count() == 2


def test_R_MAG_2_a_fourth_term_recorded_directly_is_refused_too(secretariat, cycle, next_cycle):
    term = _member_in_year(secretariat, cycle, 3, "three@example.org", "Tia Three")
    with pytest.raises(DomainError, match="R-MAG-2"):
        _first_term(secretariat, term.user, next_cycle)


def test_R_MAG_2_a_term_is_renewed_once_and_only_into_a_recorded_cycle(secretariat, cycle):
    term = _member_in_year(secretariat, cycle, 1, "one@example.org", "Una One")
    with pytest.raises(DomainError, match=f"IGF {cycle.year + 1} is not recorded yet"):
        services.renew_mag_term(actor=secretariat, term=term)
    IgfCycleFactory(year=cycle.year + 1)
    services.renew_mag_term(actor=secretariat, term=term)
    with pytest.raises(DomainError, match="already been renewed"):
        services.renew_mag_term(actor=secretariat, term=term)


def test_R_MAG_2_only_the_secretariat_renews_terms(mag_member, next_cycle):
    with pytest.raises(PermissionDenied):
        services.renew_mag_term(actor=mag_member, term=MagTerm.objects.get(user=mag_member))


def test_R_MAG_2_the_renewal_page_shows_the_refusal_and_keeps_what_was_typed(
    client, secretariat, cycle, next_cycle
):
    term = _member_in_year(secretariat, cycle, 3, "three@example.org", "Tia Three")
    client.force_login(secretariat)
    url = reverse("mag:term-renew", args=[term.pk])
    warning = "R-MAG-2: this member has served 3 terms; nobody serves more than three years"
    assert warning in client.get(url).content.decode()
    start, end = f"{next_cycle.year}-02-01", f"{next_cycle.year}-11-30"
    response = client.post(url, {"start": start, "end": end, "reason": "Wishes to stay"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "R-MAG-2: no member serves more than 3 years" in page
    assert f'value="{start}"' in page and "Wishes to stay" in page


def test_R_MAG_2_renewing_through_the_page_puts_the_member_on_next_cycles_roll(
    client, secretariat, cycle, next_cycle
):
    term = _member_in_year(secretariat, cycle, 2, "two@example.org", "Tom Two")
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:term-renew", args=[term.pk]),
        {"start": f"{next_cycle.year}-01-01", "end": f"{next_cycle.year}-12-31"},
    )
    assert response.status_code == 302
    assert MagTerm.objects.get(user=term.user, cycle=next_cycle).renewal_of == term
    page = client.get(response["Location"]).content.decode()
    assert "term is renewed for IGF" in page and "Already renewed" in page


@pytest.mark.parametrize("value", ["bad\x00value", "x" * 100_000, "2026-02-30"])
def test_bad_input_on_the_renewal_form_is_refused_not_a_server_error(
    client, secretariat, cycle, next_cycle, value
):
    term = _member_in_year(secretariat, cycle, 1, "one@example.org", "Una One")
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:term-renew", args=[term.pk]), {"start": value, "end": value, "reason": value}
    )
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    assert not MagTerm.objects.filter(cycle=next_cycle).exists()


# ---- R-MAG-2: the rotation planner --------------------------------------------------------------


@pytest.fixture
def roll(secretariat, cycle, next_cycle):
    """Six members: two in their third year, three who may renew, one already renewed."""
    terms = {
        "third-a": _member_in_year(secretariat, cycle, 3, "a3@example.org", "Ana Third"),
        "third-b": _member_in_year(secretariat, cycle, 3, "b3@example.org", "Ben Third"),
        "second": _member_in_year(secretariat, cycle, 2, "c2@example.org", "Cai Second"),
        "first-a": _member_in_year(secretariat, cycle, 1, "d1@example.org", "Dia First"),
        "first-b": _member_in_year(secretariat, cycle, 1, "e1@example.org", "Eli First"),
        "renewed": _member_in_year(secretariat, cycle, 1, "f1@example.org", "Fay Renewed"),
    }
    services.renew_mag_term(actor=secretariat, term=terms["renewed"])
    return terms


def test_R_MAG_2_the_planner_sorts_who_must_leave_who_may_renew_and_who_has(roll, cycle):
    rotation = rotation_for(cycle)
    names = lambda rows: sorted(row.term.user.public_name for row in rows)  # noqa: E731
    assert names(rotation.must_leave) == ["Ana Third", "Ben Third"]
    assert names(rotation.may_renew) == ["Cai Second", "Dia First", "Eli First"]
    assert names(rotation.renewed) == ["Fay Renewed"]
    # 6 members: one third is 2; 2 must leave; 5 leave if nobody else renews, 3 too many.
    assert (rotation.one_third, rotation.leaving_at_least, rotation.planned_gap) == (2, 2, 3)


def test_R_MAG_2_the_rotation_page_shows_the_change_against_one_third(
    client, secretariat, roll, cycle
):
    client.force_login(secretariat)
    response = client.get(reverse("mag:rotation", args=[cycle.year]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ana Third" in page and "3 of 3" in page
    assert "Must leave (third year done)" in page and "2 (33%)" in page
    assert "renewing 3 more members brings the change to one third" in page
    renew_url = reverse("mag:term-renew", args=[roll["first-a"].pk])
    assert renew_url in page
    # Nobody in their third year is offered a renewal.
    assert reverse("mag:term-renew", args=[roll["third-a"].pk]) not in page


def test_R_MAG_2_the_roll_offers_no_renewal_to_a_member_in_their_third_year(
    client, secretariat, roll
):
    client.force_login(secretariat)
    page = client.get(reverse("mag:terms")).content.decode()
    assert reverse("mag:term-renew", args=[roll["third-a"].pk]) not in page
    assert reverse("mag:term-renew", args=[roll["first-a"].pk]) in page
    # Ana and Ben, this cycle; their earlier terms show "Renewed".
    assert page.count("third year: cannot renew (R-MAG-2)") == 2


def test_the_rotation_page_of_a_cycle_without_terms_says_so(client, secretariat, cycle):
    client.force_login(secretariat)
    page = client.get(reverse("mag:rotation", args=[cycle.year])).content.decode()
    assert f"No MAG term is recorded for IGF {cycle.year}." in page


def test_unknown_or_absurd_cycle_years_answer_404(client, secretariat):
    client.force_login(secretariat)
    for year in (1999, 99999999999999999999):
        assert client.get(f"/mag/rotation/{year}/").status_code == 404


# ---- Permission matrix -------------------------------------------------------------------------

MATRIX = [
    ("rotation", "get", lambda t: [t.cycle.year], None, (302, 403, 403, 200)),
    ("term-renew", "get", lambda t: [t.pk], None, (302, 403, 403, 200)),
    ("term-renew", "post", lambda t: [t.pk], {}, (302, 403, 403, 302)),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize(("name", "method", "args", "data", "expected"), MATRIX)
def test_R_MAG_2_only_the_secretariat_plans_rotation_and_renews(
    client,
    request,
    secretariat,
    mag_member,
    outsider,
    next_cycle,
    role_index,
    role,
    name,
    method,
    args,
    data,
    expected,
):
    term = MagTerm.objects.get(user=mag_member)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse(f"mag:{name}", args=args(term))
    if method == "get":
        response = client.get(url)
    else:
        start, end = services.renewal_dates(term)
        response = client.post(url, {"start": start.isoformat(), "end": end.isoformat()})
    assert response.status_code == expected[role_index]
    renewed = MagTerm.objects.filter(renewal_of=term).exists()
    assert renewed == (method == "post" and role == "secretariat")
