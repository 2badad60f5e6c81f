"""The API's writes: a comment, a contribution, an action item done. The same services as the
website refuse with the same messages and rule IDs; writes need authentication, keep CSRF
for browser sessions, and are never allowed cross-origin."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from consultations import services
from consultations.models import Comment, Contribution
from tests.consultations.conftest import *  # noqa: F403 - fixtures
from tests.consultations.conftest_outputs import *  # noqa: F403 - fixtures
from tests.consultations.conftest_outputs import pdf_upload
from tests.factories import UserFactory
from timelines import services as timeline_services
from timelines.models import ActionItem

NOT_AUTHENTICATED = "Authentication credentials were not provided."


def token_client(user):
    _token, key = ApiToken.issue(user=user, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def comment_url(draft, number):
    return reverse("api:comment-create", args=[draft.consultation.slug, draft.version, number])


def contributions_url(consultation):
    return reverse("api:consultation-contributions", args=[consultation.slug])


def only_error(response):
    body = response.json()
    assert list(body) == ["errors"], body
    [error] = body["errors"]
    return error


# ---- Comments (R-CON-2) ----------------------------------------------------------------------


def test_R_CON_2_a_verified_person_comments_with_a_token(open_draft, commenter):
    response = token_client(commenter).post(
        comment_url(open_draft, 2),
        {"body": "Please add a reference.", "language": "fr", "named_in_output": True},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["paragraph"] == 2 and body["author"] == "Cleo Commenter"
    assert body["language"] == "fr" and body["parent"] is None
    comment = Comment.objects.get(pk=body["id"])
    assert comment.author == commenter and comment.phase.kind == "comments"
    assert open_draft.paragraphs.get(number=2).comment_count == 1


def test_R_CON_2_a_reply_names_its_parent(open_draft, commenter, second_commenter):
    first = token_client(commenter).post(
        comment_url(open_draft, 3), {"body": "First"}, format="json"
    )
    reply = token_client(second_commenter).post(
        comment_url(open_draft, 3), {"body": "Reply", "parent": first.json()["id"]}, format="json"
    )
    assert reply.status_code == 201
    assert reply.json()["parent"] == first.json()["id"]
    assert reply.json()["author"] is None  # not named in the output: not named here either


def test_a_reply_to_a_comment_of_another_paragraph_is_refused_like_the_website(
    open_draft, commenter
):
    first = token_client(commenter).post(comment_url(open_draft, 3), {"body": "A"}, format="json")
    response = token_client(commenter).post(
        comment_url(open_draft, 4), {"body": "B", "parent": first.json()["id"]}, format="json"
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "field": "parent",
        "message": "The comment you replied to is not on this paragraph.",
        "rule": None,
    }


def test_R_CON_2_refused_outside_the_window_with_the_websites_message(
    client, draft, commenter, bpf_a_coordinator
):
    now = timezone.now()
    services.add_phase(
        consultation=draft.consultation,
        actor=bpf_a_coordinator,
        kind="comments",
        opens_at=now - dt.timedelta(days=10),
        closes_at=now - dt.timedelta(days=3),
        draft=draft,
    )
    draft.consultation.refresh_from_db()
    response = token_client(commenter).post(
        comment_url(draft, 2), {"body": "Too late"}, format="json"
    )
    assert response.status_code == 400
    error = only_error(response)
    assert error["rule"] == "R-CON-2" and error["field"] is None
    assert error["message"].startswith("R-CON-2: The comment window for this draft closed on")
    # The website, for the same person and the same paragraph, shows the very same words.
    client.force_login(commenter)
    page = client.post(
        reverse("consultations:comment-post", args=[draft.consultation.slug, draft.version, 2]),
        {"p2-body": "Too late", "p2-language": "en"},
    )
    assert page.status_code == 403
    assert html.escape(error["message"]) in page.content.decode()
    assert not Comment.objects.exists()


def test_R_CON_2_an_unverified_person_may_not_comment(open_draft):
    response = token_client(UserFactory()).post(
        comment_url(open_draft, 2), {"body": "Hello"}, format="json"
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "field": None,
        "message": "R-CON-2: Only signed-in people with a verified email address may comment.",
        "rule": "R-CON-2",
    }


def test_an_empty_comment_is_refused_naming_the_field_like_the_website(open_draft, commenter):
    response = token_client(commenter).post(
        comment_url(open_draft, 2), {"body": " "}, format="json"
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "field": "body",
        "message": "Write your comment before posting it.",
        "rule": None,
    }


def test_R_CON_2_the_hourly_limit_answers_400_with_its_rule(open_draft, commenter):
    consultation = open_draft.consultation
    consultation.comment_rate_limit = 1
    consultation.save()
    api = token_client(commenter)
    assert api.post(comment_url(open_draft, 2), {"body": "1"}, format="json").status_code == 201
    response = api.post(comment_url(open_draft, 2), {"body": "2"}, format="json")
    assert response.status_code == 400
    error = only_error(response)
    assert error["rule"] == "R-CON-2" and error["field"] == "body"


def test_commenting_needs_authentication_401_with_the_error_body(open_draft):
    response = APIClient().post(comment_url(open_draft, 2), {"body": "Hi"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert only_error(response) == {"field": None, "message": NOT_AUTHENTICATED, "rule": None}


def test_a_revoked_or_wrong_token_is_refused(open_draft, commenter):
    token, key = ApiToken.issue(user=commenter, name="old")
    token.revoke()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.post(comment_url(open_draft, 2), {"body": "Hi"}, format="json")
    assert response.status_code == 401
    assert only_error(response)["message"] == "Invalid or revoked token."


def test_comments_on_a_missing_paragraph_or_draft_answer_404(open_draft, commenter):
    api = token_client(commenter)
    assert api.post(comment_url(open_draft, 99), {"body": "x"}, format="json").status_code == 404
    path = reverse("api:comment-create", args=[open_draft.consultation.slug, 7, 1])
    assert api.post(path, {"body": "x"}, format="json").status_code == 404


def test_session_writes_keep_the_csrf_check_token_writes_need_none(open_draft, commenter):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(commenter)
    refused = browser.post(comment_url(open_draft, 2), {"body": "Hi"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in only_error(refused)["message"]
    _token, key = ApiToken.issue(user=commenter, name="tool")
    tool = APIClient(enforce_csrf_checks=True)
    tool.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert tool.post(comment_url(open_draft, 2), {"body": "Hi"}, format="json").status_code == 201


def test_writes_are_not_allowed_cross_origin(open_draft):
    preflight = APIClient().options(
        comment_url(open_draft, 2),
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    allowed = preflight.get("Access-Control-Allow-Methods", "")
    assert "POST" not in allowed
    read = APIClient().get(
        reverse("api:consultation-list"), HTTP_ORIGIN="https://elsewhere.example"
    )
    assert read["Access-Control-Allow-Origin"] == "*"


# ---- Contributions (R-CON-4) -----------------------------------------------------------------


def test_R_CON_4_a_multipart_contribution_with_a_file(consultation, call, contributor):
    response = token_client(contributor).post(
        contributions_url(consultation),
        {
            "title": "Our submission",
            "text": "See the file.",
            "file": pdf_upload(),
            "on_behalf_of": "organisation",
            "organisation": "Open Org",
            "language": "en",
            "named_in_output": "true",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["author"] == "Cora Contributor" and body["organisation"] == "Open Org"
    assert body["content_type"] == "application/pdf" and body["file_url"]
    contribution = Contribution.objects.get(pk=body["id"])
    assert contribution.author == contributor and contribution.phase == call


def test_R_CON_4_on_behalf_of_an_organisation_needs_its_name(consultation, call, contributor):
    response = token_client(contributor).post(
        contributions_url(consultation),
        {"title": "T", "text": "x", "on_behalf_of": "organisation"},
        format="multipart",
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "field": "organisation",
        "message": "Give the organisation.",
        "rule": None,
    }


def test_R_CON_4_a_file_of_the_wrong_type_is_refused(consultation, call, contributor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = token_client(contributor).post(
        contributions_url(consultation),
        {
            "title": "T",
            "file": SimpleUploadedFile("notes.txt", b"plain text"),
            "on_behalf_of": "self",
        },
        format="multipart",
    )
    assert response.status_code == 400
    error = only_error(response)
    assert error["field"] == "file" and error["rule"] == "R-CON-4"


def test_R_CON_4_on_behalf_of_a_workstream_one_has_no_role_in_is_refused(
    consultation, call, contributor, bpf_b
):
    response = token_client(contributor).post(
        contributions_url(consultation),
        {"title": "T", "text": "x", "on_behalf_of": "bpf", "on_behalf_workstream": bpf_b.slug},
        format="json",
    )
    assert response.status_code == 400
    error = only_error(response)
    assert error["field"] == "on_behalf_workstream" and error["rule"] == "R-CON-4"


def test_R_CON_1_no_contribution_without_an_open_call(open_draft, contributor):
    response = token_client(contributor).post(
        contributions_url(open_draft.consultation),
        {"title": "T", "text": "x", "on_behalf_of": "self"},
        format="json",
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "field": None,
        "message": "R-CON-1: No call for contributions is open in this consultation now.",
        "rule": "R-CON-1",
    }


def test_contributing_needs_authentication(consultation, call):
    response = APIClient().post(
        contributions_url(consultation), {"title": "T", "text": "x", "on_behalf_of": "self"}
    )
    assert response.status_code == 401
    assert only_error(response)["message"] == NOT_AUTHENTICATED


def test_an_unverified_person_may_not_contribute_403_with_the_services_message(consultation, call):
    response = token_client(UserFactory()).post(
        contributions_url(consultation),
        {"title": "T", "text": "x", "on_behalf_of": "self"},
        format="json",
    )
    assert response.status_code == 403
    assert only_error(response)["message"] == (
        "Only signed-in people with a verified email address may contribute."
    )


def test_a_missing_on_behalf_of_is_named_like_the_website(consultation, call, contributor):
    response = token_client(contributor).post(
        contributions_url(consultation), {"title": "T", "text": "x"}, format="json"
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "field": "on_behalf_of",
        "message": "Say on whose behalf you contribute.",
        "rule": None,
    }


# ---- Action items (R-PN-10) ------------------------------------------------------------------


@pytest.fixture
def item(bpf_a, bpf_a_coordinator, bpf_a_member):
    return timeline_services.create_action_item(
        workstream=bpf_a,
        action="Circulate the draft",
        deadline=None,
        actor=bpf_a_coordinator,
        users=[bpf_a_member],
    )


def done_url(item_id):
    return reverse("api:action-item-done", args=[item_id])


def test_R_PN_10_an_actor_marks_their_item_done(item, bpf_a_member):
    response = token_client(bpf_a_member).post(done_url(item.pk), {"note": "Sent."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done" and response.json()["id"] == item.pk
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE and item.status_changed_by == bpf_a_member
    assert item.events.filter(verb="done", actor=bpf_a_member).exists()


def test_R_PN_10_someone_not_an_actor_is_refused_like_the_website(item, bpf_a_observer):
    response = token_client(bpf_a_observer).post(done_url(item.pk), {}, format="json")
    assert response.status_code == 403
    assert only_error(response)["message"] == (
        "Only the item's actors and the workstream's coordinators can mark it done."
    )
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_R_PN_10_an_item_already_done_answers_400(item, bpf_a_member):
    api = token_client(bpf_a_member)
    assert api.post(done_url(item.pk), {}, format="json").status_code == 200
    response = api.post(done_url(item.pk), {}, format="json")
    assert response.status_code == 400
    assert only_error(response)["message"] == "This action item is already done."


def test_an_item_of_a_private_workstream_or_missing_is_404(dc_proposed, dc_coordinator, outsider):
    private = timeline_services.create_action_item(
        workstream=dc_proposed,
        action="Secret step",
        deadline=None,
        actor=dc_coordinator,
        users=[dc_coordinator],
    )
    api = token_client(outsider)
    assert api.post(done_url(private.pk), {}, format="json").status_code == 404
    assert api.post(done_url(999999), {}, format="json").status_code == 404


def test_marking_done_needs_authentication(item):
    response = APIClient().post(done_url(item.pk), {}, format="json")
    assert response.status_code == 401
