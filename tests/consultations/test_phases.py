"""Consultations and their phases (R-CON-1): the rules of a round, and the timeline page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from consultations import services
from consultations.models import Consultation, ConsultationEvent, Phase

NASTY = ["\x00", "a" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 50, "%s%n"]


def _phase_data(**overrides):
    data = {
        "kind": "comments",
        "title": "",
        "description": "",
        "opens_at": "2030-09-01T09:00",
        "closes_at": "2030-09-30T17:00",
        "draft": "",
    }
    data.update(overrides)
    return data


def test_R_CON_1_a_comment_window_needs_a_published_draft(client, draft, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    url = reverse("consultations:phase-create", args=[draft.consultation.slug])
    response = client.post(url, _phase_data())
    assert response.status_code == 400
    html = response.content.decode()
    assert "R-CON-1: A comment window opens a published draft for comment; choose one." in html
    assert 'value="2030-09-30T17:00"' in html  # what was typed is shown again
    assert not Phase.objects.exists()


def test_R_CON_1_a_window_must_close_after_it_opens(client, draft, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    url = reverse("consultations:phase-create", args=[draft.consultation.slug])
    response = client.post(url, _phase_data(draft=draft.pk, closes_at="2030-09-01T09:00"))
    assert response.status_code == 400
    assert "R-CON-1: It must close after it opens" in response.content.decode()
    response = client.post(url, _phase_data(draft=draft.pk, closes_at=""))
    assert "R-CON-1: A comment window needs a closing date and time." in response.content.decode()
    assert not Phase.objects.exists()


def test_R_CON_1_a_call_for_contributions_may_be_open_ended(client, draft, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    url = reverse("consultations:phase-create", args=[draft.consultation.slug])
    response = client.post(url, _phase_data(kind="call", closes_at=""))
    assert response.status_code == 302
    phase = Phase.objects.get()
    assert phase.closes_at is None
    assert ConsultationEvent.objects.filter(action="phase_added").exists()


def test_R_CON_1_phase_times_are_entered_and_shown_in_the_readers_time_zone(
    client, draft, bpf_a_coordinator
):
    bpf_a_coordinator.profile.time_zone = "America/Mexico_City"
    bpf_a_coordinator.profile.save()
    client.force_login(bpf_a_coordinator)
    url = reverse("consultations:phase-create", args=[draft.consultation.slug])
    client.post(url, _phase_data(draft=draft.pk))
    phase = Phase.objects.get()
    # 09:00 in Mexico City (UTC-6) is stored as 15:00 UTC.
    assert phase.opens_at == dt.datetime(2030, 9, 1, 15, 0, tzinfo=dt.UTC)
    html = client.get(reverse("consultations:detail", args=[draft.consultation.slug])).content
    assert "1 Sep 2030, 09:00 CST" in html.decode()


def test_R_CON_1_the_timeline_marks_past_now_and_upcoming_phases_like_seed_000(
    client, draft, bpf_a_coordinator
):
    consultation = draft.consultation
    actor = bpf_a_coordinator
    may = dt.datetime(2016, 5, 1, tzinfo=dt.UTC)
    services.add_phase(
        consultation=consultation,
        actor=actor,
        kind="call",
        opens_at=may,
        title="Call for background contributions",
    )
    services.add_phase(
        consultation=consultation,
        actor=actor,
        kind="comments",
        opens_at=dt.datetime(2016, 8, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2016, 9, 1, tzinfo=dt.UTC),
        draft=draft,
    )
    services.add_phase(
        consultation=consultation,
        actor=actor,
        kind="review",
        opens_at=dt.datetime(2016, 9, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2016, 10, 1, tzinfo=dt.UTC),
    )
    services.add_phase(
        consultation=consultation,
        actor=actor,
        kind="final",
        opens_at=dt.datetime(2016, 11, 1, tzinfo=dt.UTC),
    )
    with time_machine.travel(dt.datetime(2016, 9, 15, tzinfo=dt.UTC), tick=False):
        html = client.get(reverse("consultations:detail", args=[consultation.slug])).content
    html = html.decode()
    order = [
        html.index("Call for background contributions"),
        html.index("Draft open for public comment"),
        html.index("Editorial review"),
        html.index("Final output"),
    ]
    assert order == sorted(order)
    assert html.count("phase-current") == 2  # the open-ended call and the review
    assert html.count("phase-past") == 1
    assert html.count("phase-upcoming") == 1
    assert "open-ended" in html


def test_R_CON_1_a_consultation_is_owned_by_a_workstream_its_coordinators_create(
    client, bpf_a, bpf_a_coordinator, bpf_b_coordinator
):
    client.force_login(bpf_b_coordinator)
    response = client.post(
        reverse("consultations:create"),
        {"workstream": bpf_a.pk, "title": "Not mine", "language": "en", "comment_rate_limit": 5},
    )
    assert response.status_code == 400
    assert "Choose a workstream you coordinate." in response.content.decode()
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("consultations:create"),
        {"workstream": bpf_a.pk, "title": "Mine", "language": "en", "comment_rate_limit": 5},
    )
    consultation = Consultation.objects.get(title="Mine")
    assert response["Location"] == reverse("consultations:detail", args=[consultation.slug])
    assert consultation.workstream == bpf_a
    assert consultation.status == Consultation.Status.PREPARING


@pytest.mark.parametrize("value", NASTY)
def test_every_consultation_form_answers_hostile_values_without_a_server_error(
    client, open_draft, bpf_a_coordinator, bpf_a, commenter, value
):
    from consultations.models import Comment

    consultation = open_draft.consultation
    slug = consultation.slug
    comment = services.post_comment(
        paragraph=open_draft.paragraphs.get(number=2), actor=commenter, body="Fine."
    )
    client.force_login(bpf_a_coordinator)
    posts = [
        (
            reverse("consultations:create"),
            {"workstream": value, "title": value, "language": value, "comment_rate_limit": value},
        ),
        (
            reverse("consultations:edit", args=[slug]),
            {"title": value, "summary": value, "status": value, "comment_rate_limit": value},
        ),
        (
            reverse("consultations:phase-create", args=[slug]),
            {"kind": value, "opens_at": value, "closes_at": value, "draft": value},
        ),
        (
            reverse("consultations:draft-create", args=[slug]),
            {"title": value, "body": value, "language": value},
        ),
        (
            reverse("consultations:comment-post", args=[slug, 1, 3]),
            {"p3-body": value, "p3-language": value, "p3-parent": value},
        ),
        (reverse("consultations:comment-hide", args=[slug, comment.pk]), {"reason": value}),
        (reverse("consultations:comment-flag", args=[slug, comment.pk]), {"reason": value}),
        (reverse("consultations:markdownx-preview"), {"content": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code < 500, (url, response.status_code)
    for params in ({"q": value, "workstream": value, "status": value}, {"page": value}):
        assert client.get(reverse("consultations:list"), params).status_code in (200, 404)
    # Compared in Python: PostgreSQL refuses a NUL byte even as a query parameter.
    assert not any("\x00" in body for body in Comment.objects.values_list("body", flat=True))


def test_the_list_filters_by_workstream_status_and_search(
    client, open_draft, bpf_b, bpf_b_coordinator
):
    other = services.create_consultation(
        workstream=bpf_b, actor=bpf_b_coordinator, title="Gender and access round"
    )
    Consultation.objects.filter(pk=other.pk).update(status=Consultation.Status.CLOSED)
    url = reverse("consultations:list")
    html = client.get(url).content.decode()
    assert "Gender and access round" in html and open_draft.consultation.title in html
    html = client.get(url, {"workstream": bpf_b.slug}).content.decode()
    assert "Gender and access round" in html and open_draft.consultation.title not in html
    html = client.get(url, {"status": "open"}).content.decode()
    assert "Gender and access round" not in html and open_draft.consultation.title in html
    html = client.get(url, {"q": "gender"}).content.decode()
    assert "Gender and access round" in html and open_draft.consultation.title not in html
    html = client.get(url, {"q": "nothing like it"}).content.decode()
    assert "No consultation matches these filters." in html
    html = client.get(url, {"workstream": "no-such"}).content.decode()
    assert "Choose a workstream from the list." in html


def test_R_CON_1_moving_a_window_is_recorded_and_only_managers_may(
    client, open_draft, window, bpf_a_coordinator, editor
):
    slug = open_draft.consultation.slug
    url = reverse("consultations:phase-edit", args=[slug, window.pk])
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(bpf_a_coordinator)
    form = client.get(url).content.decode()
    assert "Draft open for public comment" in form
    response = client.post(
        url,
        _phase_data(draft=open_draft.pk, opens_at="2030-01-01T00:00", closes_at="2030-02-01T00:00"),
    )
    assert response.status_code == 302
    window.refresh_from_db()
    assert window.closes_at == dt.datetime(2030, 2, 1, tzinfo=dt.UTC)
    event = ConsultationEvent.objects.get(action="phase_changed")
    assert event.actor == bpf_a_coordinator
    assert event.details["closes_at"].startswith("2030-02-01")
    assert event.details["before"]["kind"] == "comments"
