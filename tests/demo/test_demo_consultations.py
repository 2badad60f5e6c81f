"""The demo's consultations: CENB Phase II as it ran in 2016 (seed 000), with its published
output, and a Policy Network draft open for comment now."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consultations.models import Comment, Consultation, Disposition, Output, Phase


@pytest.fixture
def seeded(db, tmp_path, settings, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    # The output renders after the seed's commit (Celery runs in-process here).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--quiet")


def test_R_CON_1_demo_cenb_runs_through_the_phases_of_seed_000(seeded, client):
    cenb = Consultation.objects.get(slug="cenb-phase-ii-policy-options")
    kinds = list(cenb.phases.order_by("opens_at").values_list("kind", flat=True))
    assert kinds == ["call", "comments", "review", "comments", "final", "revision"]
    assert cenb.phases.get(kind="call").closes_at is None  # open-ended, as in seed 000
    page = client.get(reverse("consultations:detail", args=[cenb.slug])).content.decode()
    assert "Public call for background contributions" in page
    assert "Revision incorporating the input of IGF 2016" in page


def test_R_CON_3_demo_comments_stay_with_draft_1_after_draft_2(seeded):
    cenb = Consultation.objects.get(slug="cenb-phase-ii-policy-options")
    assert list(cenb.drafts.values_list("version", flat=True)) == [1, 2]
    first = Comment.objects.filter(draft__version=1, draft__consultation=cenb)
    assert first.count() >= 5 and first.filter(parent__isnull=False).exists()
    assert Disposition.objects.filter(comment__draft__consultation=cenb).count() == 4


def test_R_CON_6_demo_output_is_rendered_and_served_at_its_versioned_address(seeded, client):
    output = Output.objects.get(consultation__slug="cenb-phase-ii-policy-options")
    assert output.render_status == Output.RenderStatus.READY
    response = client.get("/consultations/cenb-phase-ii-policy-options/outputs/v1.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_R_CON_2_demo_pn_draft_is_open_for_comment_now(seeded, client):
    pn = Consultation.objects.get(slug="pnma-draft-outcome-document")
    window = pn.phases.get(kind=Phase.Kind.COMMENT_WINDOW)
    assert window.is_open(timezone.now())
    client.login(email="member@example.org", password="igfportal-demo")
    page = client.get(reverse("consultations:draft", args=[pn.slug, 1])).content.decode()
    assert "Status quo and current issues" in page
    assert "<textarea" in page
