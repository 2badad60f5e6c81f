"""The demo's Policy Networks: PNMA established in full, PNE with too small a working group."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from workstreams.models import (
    FocalPoint,
    Membership,
    NriLiaison,
    PnConsultant,
    TopicDecision,
    WgInvitation,
    WorkstreamEvent,
)

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=StringIO())


def test_R_PN_2_the_demo_seeds_pnma_and_pne_working_groups_and_is_idempotent(client):
    _seed()
    counts = {
        (slug, status): WgInvitation.objects.filter(workstream__slug=slug, status=status).count()
        for slug in ("pn-meaningful-access", "pn-environment")
        for status in ("accepted", "invited", "declined")
    }
    assert counts == {
        ("pn-meaningful-access", "accepted"): 16,
        ("pn-meaningful-access", "invited"): 2,
        ("pn-meaningful-access", "declined"): 1,
        ("pn-environment", "accepted"): 9,
        ("pn-environment", "invited"): 0,
        ("pn-environment", "declined"): 0,
    }
    accepted = WgInvitation.objects.filter(status="accepted").values("workstream", "person")
    for row in accepted:
        assert (
            Membership.objects.active()
            .filter(workstream=row["workstream"], user=row["person"])
            .exists()
        )
    decision = TopicDecision.objects.get(workstream__slug="pn-meaningful-access")
    assert decision.inputs.count() == 3
    assert PnConsultant.objects.filter(workstream__slug="pn-meaningful-access").exists()
    sources = set(FocalPoint.objects.values_list("from_workstream__kind", flat=True))
    assert sources == {"bpf", "dc"}
    assert NriLiaison.objects.values("nri").distinct().count() == 1
    assert NriLiaison.objects.count() == 2
    rows, events = WgInvitation.objects.count(), WorkstreamEvent.objects.count()
    _seed()
    assert (WgInvitation.objects.count(), WorkstreamEvent.objects.count()) == (rows, events)
    pne = client.get(reverse("workstreams:pn", args=["pn-environment"])).content.decode()
    assert "fewer than 15 members" in pne
    pnma = client.get(reverse("workstreams:pn", args=["pn-meaningful-access"])).content.decode()
    assert "fewer than 15 members" not in pnma and "Work plan" in pnma
