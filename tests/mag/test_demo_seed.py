"""demo.mag.seed: the demo's current MAG, nominees, liaison duties, proposals and support;
idempotent."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo import mag as demo_mag
from mag.duties import uncovered_duties
from mag.models import (
    BpfProposal,
    BpfSupport,
    LiaisonAssignment,
    MagEvent,
    MagSelection,
    MagTerm,
    Nomination,
    is_current_mag_member,
)
from mag.terms import rotation_for
from workstreams import guards
from workstreams.models import IgfCycle, Workstream

pytestmark = pytest.mark.django_db


def _seed_mag():
    people = {user.email: user for user in User.objects.all()}
    workstreams = {w.slug: w for w in Workstream.objects.all()}
    cycles = {c.year: c for c in IgfCycle.objects.all()}
    return demo_mag.seed(
        secretariat=people["secretariat@example.org"],
        people=people,
        workstreams=workstreams,
        cycles=cycles,
        stdout=StringIO(),
    )


def test_demo_mag_seed_covers_the_demo_bpfs_leaves_one_pn_uncovered_and_is_idempotent():
    """seed_demo gives the BPFs their facilitators before activating them (R-BPF-3 holds)."""
    assert guards.TRANSITION_GUARDS  # the R-BPF-3 guard is on while seeding
    call_command("seed_demo", "--quiet", stdout=StringIO())
    # Each member's years on the MAG are terms, and two are already renewed for next cycle.
    terms = sum(row[-1] for row in demo_mag.MAG_MEMBERS) + len(demo_mag.RENEWED_FOR_NEXT_CYCLE)
    assert MagTerm.objects.count() == terms and LiaisonAssignment.objects.count() == 5
    assert not Workstream.objects.filter(kind="bpf").exclude(status="active").exists()
    assert is_current_mag_member(User.objects.get(email="mag-member@example.org"))
    uncovered = uncovered_duties()
    assert uncovered["bpfs"] == []
    assert [w.slug for w in uncovered["pns"]] == ["pn-environment"]
    assert not uncovered["dccg"]
    assert BpfProposal.objects.filter(status="submitted").count() == 1
    assert BpfSupport.objects.count() == 2

    counts = (
        MagTerm.objects.count(),
        LiaisonAssignment.objects.count(),
        BpfProposal.objects.count(),
        Nomination.objects.count(),
        MagEvent.objects.count(),
    )
    assert set(_seed_mag().values()) == {0}
    assert counts == (
        MagTerm.objects.count(),
        LiaisonAssignment.objects.count(),
        BpfProposal.objects.count(),
        Nomination.objects.count(),
        MagEvent.objects.count(),
    )


def test_R_MAG_2_the_demo_mag_is_balanced_and_a_third_of_it_is_in_its_third_year(client):
    """The demo's current MAG: two members per stakeholder group, every UN regional group,
    and three members whose third year is done, recorded as renewals of earlier terms."""
    call_command("seed_demo", "--quiet", stdout=StringIO())
    today = timezone.localdate()
    current = MagTerm.objects.current(today)
    assert current.count() == 12
    per_group = Counter(current.values_list("stakeholder_group__slug", flat=True))
    assert set(per_group.values()) == {2} and len(per_group) == 6
    assert len(set(current.values_list("un_regional_group", flat=True))) == 5
    assert current.filter(developing_country=True).count() >= 4
    assert MagEvent.objects.filter(action="term_renewed").count() == 12

    rotation = rotation_for(IgfCycle.objects.get(year=today.year))
    leaving = sorted(row.term.user.email for row in rotation.must_leave)
    assert leaving == [
        "esteban.quillay@example.org",
        "ilka.morrow-sande@example.org",
        "jorinde.vebaek@example.org",
    ]
    assert len(rotation.renewed) == 2 and rotation.one_third == 4

    client.force_login(User.objects.get(email="secretariat@example.org"))
    page = client.get(reverse("mag:rotation", args=[today.year])).content.decode()
    assert "Esteban Quillay" in page and "3 of 3" in page


def test_R_MAG_4_the_demo_has_nominees_for_next_cycle_with_their_consent(client):
    call_command("seed_demo", "--quiet", stdout=StringIO())
    next_year = timezone.localdate().year + 1
    selection = MagSelection.objects.get(cycle__year=next_year)
    assert selection.publish_nominees and selection.status == MagSelection.Status.OPEN
    assert Nomination.objects.filter(status="proposed").count() == 4
    # The nominee with a portal account is linked to it.
    assert Nomination.objects.get(email="paz.ibarrondo@example.org").user is not None

    page = client.get(reverse("mag:nominees", args=[next_year])).content.decode()
    assert "Adaeze Okonkwo-Berg" in page and "Example Community Networks Alliance" in page
    assert "Rustam Nazarov-Quist" in page and "Example Regional Telecommunity" not in page
    assert "Hollis Grayburn-Tae" not in page  # did not agree to be listed
    assert "@example.org" not in page

    balance = client.get(reverse("mag:balance")).content.decode()
    assert f"Proposed MAG for IGF {next_year}" in balance
    assert "4 nominees in the proposed selection" in balance
    assert "9 current members who may serve another year" in balance
