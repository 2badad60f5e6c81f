"""The MAG's part of the cast: a cycle, current and former MAG members, a PN, the DCCG."""

import datetime as dt

import pytest
from django.utils import timezone

from mag import services
from mag.models import LiaisonAssignment
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory, stakeholder_group
from workstreams.models import DccgInvitation, Workstream


@pytest.fixture
def cycle(db):
    return IgfCycleFactory(year=timezone.localdate().year)


def _term(secretariat, user, cycle, start, end):
    return services.create_mag_term(
        actor=secretariat,
        user=user,
        cycle=cycle,
        start=start,
        end=end,
        stakeholder_group=stakeholder_group("government"),
        country="RO",
    )


@pytest.fixture
def mag_member(secretariat, cycle):
    """A current MAG member: their term runs today."""
    user = UserFactory(email="mag-member@example.org", display_name="Mia MAG")
    today = timezone.localdate()
    _term(secretariat, user, cycle, today - dt.timedelta(days=30), today + dt.timedelta(days=300))
    return user


@pytest.fixture
def second_mag_member(secretariat, cycle):
    user = UserFactory(email="mag-two@example.org", display_name="Max MAG")
    today = timezone.localdate()
    _term(secretariat, user, cycle, today - dt.timedelta(days=30), today + dt.timedelta(days=300))
    return user


@pytest.fixture
def former_mag_member(secretariat):
    """Served on the MAG in an earlier cycle; no longer a member."""
    user = UserFactory(email="former-mag@example.org", display_name="Fay Former")
    old = IgfCycleFactory(year=timezone.localdate().year - 3)
    _term(secretariat, user, old, dt.date(old.year, 1, 1), dt.date(old.year, 12, 31))
    return user


@pytest.fixture
def bpf_proposed(db, cycle):
    return WorkstreamFactory(
        name="BPF on Resilience",
        slug="bpf-resilience",
        status=Workstream.Status.PROPOSED,
        cycle=cycle,
        methodology="Case studies and two surveys.",
    )


@pytest.fixture
def pn(db):
    return WorkstreamFactory(kind=Workstream.Kind.PN, name="PN on Access", slug="pn-access")


@pytest.fixture
def dccg(secretariat):
    """The DCCG exists once a recognised DC is invited to it (R-DC-5)."""
    dc = WorkstreamFactory(kind=Workstream.Kind.DC, name="DC on Rights", slug="dc-rights")
    DccgInvitation.objects.create(workstream=dc, invited_by=secretariat)
    return dc


@pytest.fixture
def assign(secretariat):
    def _assign(member, kind, workstream=None, **kwargs):
        return services.assign_liaison(
            actor=secretariat, member=member, kind=kind, workstream=workstream, **kwargs
        )

    return _assign


Kind = LiaisonAssignment.Kind
