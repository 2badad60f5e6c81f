"""demo.mag.seed: the demo's current MAG, liaison duties, proposals and support; idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from demo import mag as demo_mag
from mag.duties import uncovered_duties
from mag.models import BpfProposal, BpfSupport, LiaisonAssignment, MagTerm, is_current_mag_member
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
    assert MagTerm.objects.count() == 6 and LiaisonAssignment.objects.count() == 5
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
    )
    assert set(_seed_mag().values()) == {0}
    assert counts == (
        MagTerm.objects.count(),
        LiaisonAssignment.objects.count(),
        BpfProposal.objects.count(),
    )
