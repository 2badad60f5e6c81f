"""The open editorial group and its dispositions (R-CON-5), and the CSV register."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from consultations import editorial
from consultations.models import ConsultationEvent, Disposition, Editor
from timelines.models import Notification

from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_comments


def test_R_CON_5_anyone_may_ask_and_a_coordinator_approves(open_draft, outsider, bpf_a_coordinator):
    consultation = open_draft.consultation
    request = editorial.ask_to_join(
        consultation=consultation, actor=outsider, motivation="I know the topic"
    )
    assert request.status == Editor.Status.REQUESTED
    with pytest.raises(DomainError):
        editorial.ask_to_join(consultation=consultation, actor=outsider)
    with pytest.raises(PermissionDenied):
        editorial.decide_editor_request(editor=request, actor=outsider, approve=True)
    editorial.decide_editor_request(editor=request, actor=bpf_a_coordinator, approve=True)
    request.refresh_from_db()
    assert request.status == Editor.Status.APPROVED and request.decided_by == bpf_a_coordinator
    actions = list(ConsultationEvent.objects.values_list("action", flat=True))
    assert "editor_requested" in actions and "editor_approved" in actions


def test_R_CON_5_a_decline_needs_a_reason_and_may_be_asked_again(
    open_draft, outsider, secretariat, bpf_b_coordinator
):
    consultation = open_draft.consultation
    request = editorial.ask_to_join(consultation=consultation, actor=outsider)
    with pytest.raises(PermissionDenied):  # another workstream's coordinator
        editorial.decide_editor_request(
            editor=request, actor=bpf_b_coordinator, approve=False, reason="No"
        )
    with pytest.raises(DomainError) as refused:
        editorial.decide_editor_request(editor=request, actor=secretariat, approve=False)
    assert refused.value.field == "reason"
    editorial.decide_editor_request(
        editor=request, actor=secretariat, approve=False, reason="Not this round"
    )
    again = editorial.ask_to_join(consultation=consultation, actor=outsider)
    assert again.pk == request.pk and again.status == Editor.Status.REQUESTED


def test_an_editor_may_leave(consultation, editor):
    editorial.leave_editors(consultation=consultation, actor=editor)
    assert Editor.objects.get(user=editor).status == Editor.Status.LEFT
    with pytest.raises(DomainError):
        editorial.leave_editors(consultation=consultation, actor=editor)


def test_R_CON_5_editor_gives_a_disposition_and_the_commenter_is_notified(
    open_draft, editor, commenter
):
    [comment] = make_comments(open_draft, [commenter], 1, number=2)
    editorial.give_disposition(
        comment=comment, actor=editor, outcome="partly", reply="Merged into paragraph 3."
    )
    disposition = Disposition.objects.get(comment=comment)
    assert disposition.outcome == "partly" and disposition.editor == editor
    [notice] = Notification.objects.filter(recipient=commenter, kind=editorial.DISPOSITION_KIND)
    assert "Partly addressed" in editorial.disposition_title(notice.context)
    assert notice.url.endswith(f"#comment-{comment.pk}")
    editorial.give_disposition(comment=comment, actor=editor, outcome="addressed", reply="Done.")
    assert Disposition.objects.get(comment=comment).outcome == "addressed"
    assert Notification.objects.filter(recipient=commenter).count() == 2
    actions = list(ConsultationEvent.objects.values_list("action", flat=True))
    assert "disposition_given" in actions and "disposition_changed" in actions


def test_R_CON_5_only_editors_give_dispositions(open_draft, commenter, outsider):
    [comment] = make_comments(open_draft, [commenter], 1)
    with pytest.raises(PermissionDenied):
        editorial.give_disposition(comment=comment, actor=outsider, outcome="addressed", reply="x")


@pytest.mark.parametrize(
    "outcome, reply, field", [("maybe", "A reply", "outcome"), ("addressed", "  ", "reply")]
)
def test_R_CON_5_a_disposition_needs_an_outcome_and_a_reply(
    open_draft, editor, commenter, outcome, reply, field
):
    [comment] = make_comments(open_draft, [commenter], 1)
    with pytest.raises(DomainError) as refused:
        editorial.give_disposition(comment=comment, actor=editor, outcome=outcome, reply=reply)
    assert refused.value.field == field


def test_R_CON_5_the_register_page_shows_dispositions(client, open_draft, editor, commenter):
    first, second = make_comments(open_draft, [commenter], 2)
    editorial.give_disposition(comment=first, actor=editor, outcome="not_addressed", reply="Out")
    url = reverse("consultations:dispositions", args=[open_draft.consultation.slug, 1])
    response = client.get(url)
    assert response.status_code == 200
    assert "Not addressed" in response.text and "Pending" in response.text
    assert "Give a disposition" not in response.text  # forms are for editors
    client.force_login(editor)
    assert "Give a disposition" in client.get(url).text


def test_R_CON_5_disposition_form_reshows_input_with_the_rule(
    client, open_draft, editor, commenter
):
    [comment] = make_comments(open_draft, [commenter], 1)
    client.force_login(editor)
    url = reverse("consultations:disposition-give", args=[open_draft.consultation.slug, comment.pk])
    response = client.post(url, {"reply": "Kept reply text"})
    assert response.status_code == 400
    assert "R-CON-5" in response.text and "Kept reply text" in response.text
    response = client.post(url, {"outcome": "addressed", "reply": "Fine\x00"})
    assert response.status_code == 400
    assert not Disposition.objects.exists()


def read_csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_R_CON_5_the_register_exports_as_csv_with_formulas_neutralised(
    client, open_draft, editor, commenter, second_commenter
):
    named, hostile = make_comments(open_draft, [commenter], 2)
    named.named_in_output = True
    named.save()
    hostile.body = '=HYPERLINK("http://evil.example","x")'
    hostile.author = second_commenter
    hostile.save()
    editorial.give_disposition(comment=named, actor=editor, outcome="addressed", reply="+1 done")
    editorial.give_disposition(comment=hostile, actor=editor, outcome="not_addressed", reply="@no")
    url = reverse("consultations:dispositions-csv", args=[open_draft.consultation.slug, 1])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = read_csv(response)
    assert header[0] == "Paragraph" and "Disposition" in header
    by_id = {row[1]: row for row in rows}
    assert by_id[str(named.pk)][3] == "Cleo Commenter"
    assert by_id[str(named.pk)][7] == "'+1 done"
    assert by_id[str(hostile.pk)][3] == "Not named"  # no consent: never named
    assert by_id[str(hostile.pk)][5] == "'" + hostile.body
    assert by_id[str(hostile.pk)][7] == "'@no"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_formula_starts(value):
    assert editorial.neutralise(value) == "'" + value


def test_the_register_page_and_csv_take_the_same_queries_for_10_and_200_comments(
    client, open_draft, editor, commenter, second_commenter, django_assert_max_num_queries
):
    slug = open_draft.consultation.slug
    make_comments(open_draft, [commenter, second_commenter], 10)
    client.force_login(editor)
    url = reverse("consultations:dispositions", args=[slug, 1])
    csv_url = reverse("consultations:dispositions-csv", args=[slug, 1])
    client.get(url)  # warm up: the session and the person's roles are read once
    counts = []
    for extra in (0, 190):
        make_comments(open_draft, [commenter, second_commenter], extra, number=3)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as export:
            assert len(read_csv(client.get(csv_url))) == 11 + extra
        counts.append((len(page), len(export)))
    assert counts[0] == counts[1]
    assert counts[0][0] <= 15


def test_R_CON_5_the_editors_page_takes_requests_and_decisions(
    client, open_draft, outsider, bpf_a_coordinator
):
    url = reverse("consultations:editors", args=[open_draft.consultation.slug])
    client.force_login(outsider)
    response = client.post(url, {"motivation": "I wrote on this\x00"})
    assert response.status_code == 400 and "I wrote on this" in response.text
    response = client.post(url, {"motivation": "I wrote on this topic"})
    assert response.status_code == 302
    assert "a decision is pending" in client.get(url).text
    request = Editor.objects.get(user=outsider)
    client.force_login(bpf_a_coordinator)
    page = client.get(url)
    assert "I wrote on this topic" in page.text and "Record the decision" in page.text
    decide = reverse("consultations:editor-decide", args=[open_draft.consultation.slug, request.pk])
    response = client.post(decide, {"decision": "decline"})
    assert response.status_code == 400 and "Say why the request is declined" in response.text
    response = client.post(decide, {"decision": "decline", "reason": "Group is full"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined" and request.decision_reason == "Group is full"


def test_R_CON_5_a_closed_consultation_takes_no_new_editors(db, bpf_a, bpf_a_coordinator, outsider):
    from consultations import editorial, services
    from consultations.models import Consultation, Editor

    consultation = services.create_consultation(
        workstream=bpf_a, actor=bpf_a_coordinator, title="Finished round"
    )
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    consultation.refresh_from_db()
    with pytest.raises(DomainError, match="closed"):
        editorial.ask_to_join(consultation=consultation, actor=outsider)
    assert not Editor.objects.filter(consultation=consultation).exists()
