"""The balance views of the current MAG and a proposed selection (R-MAG-4)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mag import nominations, services
from mag.balance import mag_balance
from tests.factories import IgfCycleFactory, UserFactory, stakeholder_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_cycle(cycle):
    return IgfCycleFactory(year=cycle.year + 1)


def _term(secretariat, cycle, email, group, country, gender, years_before=0):
    """A current term; years_before earlier terms make it the person's second or third year."""
    user = UserFactory(email=email)
    term = None
    for back in range(years_before, -1, -1):
        year = cycle.year - back
        term_cycle = IgfCycleFactory(year=year)
        term = services.create_mag_term(
            actor=secretariat,
            user=user,
            cycle=term_cycle,
            start=dt.date(year, 1, 1) if back else timezone.localdate() - dt.timedelta(days=1),
            end=dt.date(year, 12, 31) if back else timezone.localdate() + dt.timedelta(days=1),
            stakeholder_group=stakeholder_group(group),
            country=country,
            gender=gender,
            renewal_of=term,
        )
    return term


def _propose(secretariat, cycle, name, group, country, gender, status="propose"):
    nomination = nominations.add_nomination(
        actor=secretariat,
        cycle=cycle,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        stakeholder_group=stakeholder_group(group),
        country=country,
        gender=gender,
    )
    if status:
        nominations.change_nomination_status(
            actor=secretariat, nomination=nomination, action=status
        )
    return nomination


@pytest.fixture
def mag(secretariat, cycle, next_cycle):
    """Four current members (one in their third year) and a proposal of two nominees."""
    _term(secretariat, cycle, "gov@example.org", "government", "RO", "man")
    _term(secretariat, cycle, "civ@example.org", "civil-society", "KE", "woman")
    _term(secretariat, cycle, "tech@example.org", "technical-community", "NZ", "non_binary")
    _term(secretariat, cycle, "old@example.org", "government", "BR", "woman", years_before=2)
    _propose(secretariat, next_cycle, "Ines Proposed", "private-sector", "IN", "woman")
    _propose(secretariat, next_cycle, "Juan Proposed", "government", "MX", "man")
    _propose(secretariat, next_cycle, "Kim Nominated", "government", "KR", "man", status=None)


def _dimension(balance, key):
    dimension = next(d for d in balance["dimensions"] if d["key"] == key)
    return {row.label: row for row in dimension["rows"]}


def test_R_MAG_4_balance_counts_and_shares_the_current_mag_and_the_proposal(mag, next_cycle):
    balance = mag_balance(next_cycle)
    # Proposed: the three current members who may serve on, and the two proposed nominees; the
    # member in their third year leaves and the nominee not proposed is not counted.
    assert (balance["current_total"], balance["continuing"], balance["nominees"]) == (4, 3, 2)
    groups = _dimension(balance, "stakeholder_group")
    assert (groups["Government"].current, groups["Government"].current_share) == (2, 50)
    assert (groups["Government"].proposed, groups["Government"].proposed_share) == (2, 40)
    assert (groups["Private sector"].current, groups["Private sector"].proposed) == (0, 1)
    regions = _dimension(balance, "region")
    assert regions["Latin American and Caribbean Group"].current == 1  # Brazil, third year
    assert regions["Latin American and Caribbean Group"].proposed == 1  # Mexico, proposed
    genders = _dimension(balance, "gender")
    assert (genders["Woman"].current, genders["Woman"].proposed) == (2, 2)
    developing = _dimension(balance, "developing")
    assert (
        developing["From a developing country"].current_share,
        developing["From a developing country"].proposed_share,
    ) == (50, 60)


def test_R_MAG_4_the_public_balance_page_draws_charts_each_with_its_data_table(
    client, mag, next_cycle
):
    response = client.get(reverse("mag:balance", args=[next_cycle.year]))
    assert response.status_code == 200
    page = response.content.decode()
    for label in ("Stakeholder group", "UN regional group", "Gender", "Developing country"):
        assert f"<caption>{label}: members and shares</caption>" in page
        assert f"Bar chart of the current MAG by {label}" in page
        assert f"Bar chart of the proposed MAG for IGF {next_cycle.year} by {label}" in page
    assert '<th scope="row">Government</th><td>2</td><td>50%</td><td>2</td><td>40%</td>' in page
    assert 'style="width: 50%"' in page and 'style="width: 40%"' in page
    assert "3 current members who may serve another year" in page
    # Names never appear on the balance page: only counts.
    assert "Ines Proposed" not in page and "gov@example.org" not in page


def test_R_MAG_4_the_balance_page_picks_the_selection_being_prepared(client, mag, next_cycle):
    page = client.get(reverse("mag:balance")).content.decode()
    assert f"Proposed MAG for IGF {next_cycle.year}" in page


def test_the_balance_page_without_any_mag_says_so(client, db):
    page = client.get(reverse("mag:balance")).content.decode()
    assert "there is no balance to show yet" in page
    assert "No MAG selection is being prepared" in page
    assert client.get(reverse("mag:balance", args=[1900])).status_code == 404


def test_the_balance_page_runs_the_same_number_of_queries_at_two_sizes(
    client, secretariat, cycle, next_cycle
):
    url = reverse("mag:balance", args=[next_cycle.year])
    counts = []
    groups = ["government", "civil-society", "private-sector", "technical-community"]
    for size in (2, 30):
        for n in range(len(counts) * 2, size):
            _term(secretariat, cycle, f"m{n}@example.org", groups[n % 4], "GH", "woman")
            _propose(secretariat, next_cycle, f"Nominee{n} X", groups[n % 4], "FJ", "man")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8, counts
    assert "30 members" in client.get(url).content.decode()


def test_R_MAG_4_the_mag_page_leads_to_the_balance_nominees_and_selection(client, mag, next_cycle):
    page = client.get(reverse("mag:home")).content.decode()
    assert reverse("mag:balance") in page
    assert reverse("mag:nominees", args=[next_cycle.year]) in page
    assert reverse("mag:selection", args=[next_cycle.year]) in page
    assert "Nominations open" in page


def test_R_MAG_4_the_balance_reads_self_described_and_its_bars_share_one_scale(
    client, mag, next_cycle
):
    genders = _dimension(mag_balance(next_cycle), "gender")
    # "I describe myself as…" is the profile form's prompt, not a category.
    assert "Self-described" in genders and "I describe myself as…" not in genders
    page = client.get(reverse("mag:balance", args=[next_cycle.year])).content.decode()
    assert "Self-described" in page and "I describe myself as" not in page
    # Fixed tracks (label | bar | value): 100% is the same length in every row, and the label
    # wraps instead of running into its bar.
    assert "grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) 6.5rem" in page
    assert '<span class="balance-label">Intergovernmental organisation</span>' in page
