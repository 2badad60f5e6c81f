"""Atom feeds are read away from the site: absolute links on SITE_URL, stable urn ids, and
only news — a closed round's comment windows are not "open for comment"."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from consultations import services
from consultations.models import Consultation

ATOM = "{http://www.w3.org/2005/Atom}"
pytestmark = pytest.mark.django_db


def _round(workstream, actor, title, closes_in_days):
    consultation = services.create_consultation(workstream=workstream, actor=actor, title=title)
    draft = services.create_draft(
        consultation=consultation, actor=actor, title=title, body="# A\n\nText."
    )
    draft = services.publish_draft(draft=draft, actor=actor)
    now = timezone.now()
    services.add_phase(
        consultation=consultation,
        actor=actor,
        kind="comments",
        opens_at=now - dt.timedelta(days=30),
        closes_at=now + dt.timedelta(days=closes_in_days),
        draft=draft,
    )
    return consultation


def test_R_CON_2_the_open_feed_lists_open_windows_only_with_absolute_links(
    client, settings, bpf_a, bpf_a_coordinator
):
    settings.SITE_URL = "https://portal.example.org"
    _round(bpf_a, bpf_a_coordinator, "Open round", closes_in_days=5)
    _round(bpf_a, bpf_a_coordinator, "Finished round", closes_in_days=-1)
    closed = _round(bpf_a, bpf_a_coordinator, "Closed early", closes_in_days=5)
    Consultation.objects.filter(pk=closed.pk).update(status=Consultation.Status.CLOSED)
    feed = ET.fromstring(client.get("/feeds/consultations/open/").content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Open round: version 1 open for comment"
    ]
    entry = entries[0]
    assert entry.find(f"{ATOM}id").text.startswith("urn:igfportal:comment-window:")
    assert entry.find(f"{ATOM}link").get("href").startswith("https://portal.example.org/")
