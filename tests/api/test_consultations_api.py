"""The consultation reads of /api/v1/ and the consultation feeds: what each endpoint shows,
its filters, what it never shows (privacy, per serializer), errors and query counts."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.test import APIClient

from api.views_consultations import api_consultations
from consultations import contributions as contribution_services
from consultations import messages as message_services
from consultations import permissions, services
from consultations.models import Consultation, Output, Phase
from consultations.outputs import permanent_pdf_url
from tests.consultations.conftest import *  # noqa: F403 - fixtures
from tests.consultations.conftest import verified
from tests.consultations.conftest_outputs import *  # noqa: F403 - fixtures
from tests.consultations.conftest_outputs import pdf_upload
from tests.factories import UserFactory

SECRET = "SECRET-hidden-text-7f3a"


@pytest.fixture
def api():
    return APIClient()


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def comment(draft, number, actor, body, **kwargs):
    return services.post_comment(
        paragraph=draft.paragraphs.get(number=number), actor=actor, body=body, **kwargs
    )


def private_consultation(dc_coordinator, dc_proposed):
    """A published consultation of a DC not yet recognised: private to its people."""
    hidden = services.create_consultation(
        workstream=dc_proposed, actor=dc_coordinator, title="Private DC consultation"
    )
    text = services.create_draft(
        consultation=hidden, actor=dc_coordinator, title="Private draft", body="Secret text."
    )
    services.publish_draft(draft=text, actor=dc_coordinator)
    hidden.refresh_from_db()
    return hidden


@pytest.fixture
def world(
    open_draft,
    call,
    commenter,
    second_commenter,
    contributor,
    bpf_a_coordinator,
    dc_coordinator,
    dc_proposed,
):
    """A public consultation with named, anonymous and hidden comments and contributions, a
    message, outputs; a consultation being prepared; a private DC's consultation."""
    consultation = open_draft.consultation
    named = comment(open_draft, 2, commenter, "Named comment", named_in_output=True)
    anonymous = comment(open_draft, 3, second_commenter, "Anonymous comment")
    reply = comment(open_draft, 2, second_commenter, "A reply", parent=named)
    hidden = comment(open_draft, 3, commenter, SECRET, named_in_output=True)
    services.hide_comment(comment=hidden, actor=bpf_a_coordinator, reason="Off topic")
    # A version being edited is not public.
    services.create_draft(
        consultation=consultation, actor=bpf_a_coordinator, title="Next draft", body=SECRET
    )
    submit = contribution_services.submit_contribution
    named_contribution = submit(
        consultation=consultation,
        actor=contributor,
        title="Named contribution",
        on_behalf_of="organisation",
        organisation="Open Org",
        text="Our views.",
        uploaded_file=pdf_upload(),
        named_in_output=True,
    )
    anonymous_contribution = submit(
        consultation=consultation,
        actor=commenter,
        title="Anonymous contribution",
        on_behalf_of="organisation",
        organisation="Quiet Org",
        text="Our quiet views.",
    )
    hidden_contribution = submit(
        consultation=consultation,
        actor=second_commenter,
        title=SECRET,
        on_behalf_of="self",
        text=SECRET,
    )
    contribution_services.hide_contribution(
        contribution=hidden_contribution, actor=bpf_a_coordinator, reason="Spam"
    )
    message = message_services.create_message(
        consultation=consultation,
        actor=bpf_a_coordinator,
        kind="consensus",
        title="Everyone agrees",
        paragraphs=[open_draft.paragraphs.get(number=2)],
        comment_ids=[named.pk],
    )
    # Hidden after it was cited: it must drop out of the message's sources.
    cited_then_hidden = comment(open_draft, 4, commenter, "Cited then hidden")
    message.comments.add(cited_then_hidden)
    services.hide_comment(comment=cited_then_hidden, actor=bpf_a_coordinator, reason="Abuse")
    ready = Output.objects.create(
        consultation=consultation,
        draft=open_draft,
        version=1,
        title="Final output",
        render_status=Output.RenderStatus.READY,
        rendered_at=timezone.now(),
        published_by=bpf_a_coordinator,
    )
    pending = Output.objects.create(
        consultation=consultation,
        draft=open_draft,
        version=2,
        title=f"Pending {SECRET}",
        published_by=bpf_a_coordinator,
    )
    preparing = services.create_consultation(
        workstream=open_draft.consultation.workstream,
        actor=bpf_a_coordinator,
        title=f"Preparing {SECRET}",
    )
    return {
        "consultation": consultation,
        "draft": open_draft,
        "named": named,
        "anonymous": anonymous,
        "reply": reply,
        "hidden": hidden,
        "cited_then_hidden": cited_then_hidden,
        "named_contribution": named_contribution,
        "anonymous_contribution": anonymous_contribution,
        "hidden_contribution": hidden_contribution,
        "message": message,
        "ready": ready,
        "pending": pending,
        "preparing": preparing,
        "private": private_consultation(dc_coordinator, dc_proposed),
    }


def url(name, *args, **query):
    path = reverse(f"api:{name}", args=args)
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


# ---- Consultations ---------------------------------------------------------------------------


def test_R_CON_1_the_list_shows_only_published_consultations_of_visible_workstreams(api, world):
    slugs = [row["slug"] for row in results(api.get(url("consultation-list")))]
    assert slugs == [world["consultation"].slug]
    assert SECRET not in api.get(url("consultation-list")).content.decode()


def test_a_private_workstreams_consultation_is_listed_for_its_people_only(
    api, world, dc_coordinator
):
    api.force_authenticate(dc_coordinator)
    slugs = {row["slug"] for row in results(api.get(url("consultation-list")))}
    assert slugs == {world["consultation"].slug, world["private"].slug}


def test_the_api_queryset_agrees_with_can_view_consultation(
    world, outsider, dc_coordinator, bpf_a_coordinator, secretariat, commenter
):
    published = Consultation.objects.published()
    assert published.count() == 2
    for user in [AnonymousUser(), outsider, dc_coordinator, bpf_a_coordinator, secretariat]:
        shown = set(api_consultations(user).values_list("pk", flat=True))
        for item in published:
            assert (item.pk in shown) == permissions.can_view_consultation(user, item), (user, item)
    # Being prepared: never in the API, even for those who may see it on the website.
    assert world["preparing"].pk not in api_consultations(bpf_a_coordinator).values_list(
        "pk", flat=True
    )


def test_the_list_filters_by_workstream_status_and_title(api, world, bpf_a, secretariat):
    slug = world["consultation"].slug
    api.force_authenticate(secretariat)
    assert [
        r["slug"] for r in results(api.get(url("consultation-list", workstream=bpf_a.slug)))
    ] == [slug]
    assert results(api.get(url("consultation-list", workstream="dc-testing")))[0]["slug"] == (
        world["private"].slug
    )
    assert results(api.get(url("consultation-list", status="closed"))) == []
    assert len(results(api.get(url("consultation-list", status="open")))) == 2
    assert [
        r["slug"] for r in results(api.get(url("consultation-list", search="next+billion")))
    ] == [slug]
    assert len(results(api.get(url("consultation-list", ordering="title")))) == 2


def test_a_refused_filter_value_answers_400_naming_the_field(api, world):
    response = api.get(url("consultation-list", status="preparing"))
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "status" and error["message"]


def test_the_list_is_paginated(api, world, secretariat):
    api.force_authenticate(secretariat)
    body = api.get(url("consultation-list", page_size=1)).json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]
    assert api.get(url("consultation-list", page=99)).status_code == 404


def test_R_CON_1_the_detail_has_phases_in_utc_with_is_open(api, world):
    consultation = world["consultation"]
    response = api.get(url("consultation-detail", consultation.slug))
    assert response.status_code == 200
    body = response.json()
    assert body["workstream"] == consultation.workstream.slug
    kinds = {phase["kind"]: phase for phase in body["phases"]}
    window = kinds[Phase.Kind.COMMENT_WINDOW]
    assert window["is_open"] is True and window["draft_version"] == 1
    assert window["opens_at"].endswith("Z") and window["closes_at"].endswith("Z")
    assert kinds[Phase.Kind.CALL_FOR_CONTRIBUTIONS]["closes_at"] is None
    assert body["links"]["drafts"].endswith(url("consultation-drafts", consultation.slug))


def test_R_CON_2_no_phase_is_open_in_a_closed_consultation(api, world):
    consultation = world["consultation"]
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    body = api.get(url("consultation-detail", consultation.slug)).json()
    assert body["status"] == "closed"
    assert [phase["is_open"] for phase in body["phases"]] == [False, False]


def test_times_are_utc_whatever_the_readers_time_zone(api, world, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    body = api.get(url("consultation-detail", world["consultation"].slug)).json()
    assert body["created"].endswith("Z")


def test_the_detail_has_etag_and_last_modified_and_answers_304(api, world):
    consultation = world["consultation"]
    response = api.get(url("consultation-detail", consultation.slug))
    last = max([consultation.updated, *(p.updated for p in consultation.phases.all())])
    assert response["Last-Modified"] == http_date(last.timestamp())
    assert response["ETag"]
    again = api.get(
        url("consultation-detail", consultation.slug), HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


@pytest.mark.parametrize("which", ["private", "preparing"])
def test_a_consultation_you_may_not_see_is_404_like_a_missing_one(api, world, which):
    for path in [
        url("consultation-detail", world[which].slug),
        url("consultation-drafts", world[which].slug),
        url("consultation-contributions", world[which].slug),
        url("consultation-messages", world[which].slug),
        url("consultation-outputs", world[which].slug),
        url("consultation-detail", "no-such-consultation"),
    ]:
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json() == {
            "errors": [{"field": None, "message": "Not found.", "rule": None}]
        }


# ---- Drafts ----------------------------------------------------------------------------------


def test_R_CON_3_only_published_drafts_are_listed(api, world):
    slug = world["consultation"].slug
    rows = results(api.get(url("consultation-drafts", slug)))
    assert [row["version"] for row in rows] == [1]
    assert api.get(url("draft-detail", slug, 2)).status_code == 404
    assert SECRET not in api.get(url("consultation-drafts", slug)).content.decode()


def test_R_CON_3_the_draft_has_numbered_paragraphs_and_the_disposition_csv(api, world):
    consultation, draft = world["consultation"], world["draft"]
    response = api.get(url("draft-detail", consultation.slug, 1))
    body = response.json()
    assert [p["number"] for p in body["paragraphs"]] == [1, 2, 3, 4, 5]
    second = body["paragraphs"][1]
    assert second["anchor"] == "p-2" and second["html"].startswith("<p>")
    assert second["comment_count"] == 2  # the comment and its reply; hidden ones not counted
    assert body["paragraphs"][0]["is_heading"] is True
    assert body["dispositions_csv"].endswith(
        reverse("consultations:dispositions-csv", args=[consultation.slug, 1])
    )
    assert response["Last-Modified"] and response["ETag"]
    assert api.get(body["dispositions_csv"]).status_code == 200
    assert draft.published_at is not None and body["published_at"].endswith("Z")


# ---- Comments --------------------------------------------------------------------------------


def test_R_CON_2_comments_show_names_only_with_consent_and_never_hidden_ones(api, world):
    consultation = world["consultation"]
    response = api.get(url("draft-comments", consultation.slug, 1))
    rows = {row["id"]: row for row in results(response)}
    text = response.content.decode()
    assert set(rows) == {world["named"].pk, world["anonymous"].pk, world["reply"].pk}
    assert rows[world["named"].pk]["author"] == "Cleo Commenter"
    assert rows[world["anonymous"].pk]["author"] is None
    assert rows[world["reply"].pk]["author"] is None
    assert rows[world["reply"].pk]["parent"] == world["named"].pk
    # Privacy: hidden comments, non-consenting names and email addresses never appear.
    assert SECRET not in text and "Cited then hidden" not in text
    assert "Sol Second" not in text and "@example.org" not in text


def test_comments_filter_by_paragraph_number(api, world):
    slug = world["consultation"].slug
    rows = results(api.get(url("draft-comments", slug, 1, paragraph=2)))
    assert {row["id"] for row in rows} == {world["named"].pk, world["reply"].pk}
    assert all(row["paragraph"] == 2 for row in rows)
    assert results(api.get(url("draft-comments", slug, 1, paragraph=5))) == []
    assert api.get(url("draft-comments", slug, 2)).status_code == 404


# ---- Contributions ---------------------------------------------------------------------------


def test_R_CON_4_contributions_show_names_only_with_consent(api, world):
    consultation = world["consultation"]
    response = api.get(url("consultation-contributions", consultation.slug))
    rows = {row["id"]: row for row in results(response)}
    text = response.content.decode()
    named, anonymous = world["named_contribution"], world["anonymous_contribution"]
    assert set(rows) == {named.pk, anonymous.pk}
    assert rows[named.pk]["author"] == "Cora Contributor"
    assert rows[named.pk]["organisation"] == "Open Org"
    assert rows[named.pk]["file_url"].endswith(
        reverse("consultations:contribution-file", args=[consultation.slug, named.pk])
    )
    assert rows[anonymous.pk]["author"] is None and rows[anonymous.pk]["organisation"] is None
    assert rows[anonymous.pk]["file_url"] is None
    assert SECRET not in text and "Quiet Org" not in text and "Cleo" not in text
    assert "@example.org" not in text


def test_R_CON_4_the_file_url_is_the_websites_permission_checked_download(api, world):
    row = results(api.get(url("consultation-contributions", world["consultation"].slug)))
    file_url = next(r["file_url"] for r in row if r["file_url"])
    response = api.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_R_CON_4_contributions_filter_by_origin(api, world):
    slug = world["consultation"].slug
    assert len(results(api.get(url("consultation-contributions", slug, on_behalf_of="self")))) == 0
    assert (
        len(results(api.get(url("consultation-contributions", slug, on_behalf_of="organisation"))))
        == 2
    )


def test_R_CON_4_the_summary_counts_visible_contributions_by_origin(api, world):
    response = api.get(url("consultation-contributions-summary", world["consultation"].slug))
    body = response.json()
    assert body["total"] == 2
    counts = {row["origin"]: row["count"] for row in body["rows"]}
    assert counts["organisation"] == 2 and counts["self"] == 0
    assert any(row["phrase"] == "2 of 2 from organisations" for row in body["rows"])


# ---- Messages and outputs --------------------------------------------------------------------


def test_R_CON_7_messages_link_paragraphs_and_visible_comments_only(api, world):
    [row] = results(api.get(url("consultation-messages", world["consultation"].slug)))
    assert row["title"] == "Everyone agrees" and row["kind"] == "consensus"
    assert row["paragraphs"] == [{"version": 1, "number": 2}]
    assert row["comments"] == [world["named"].pk]
    assert world["cited_then_hidden"].pk not in row["comments"]


def test_R_CON_7_a_withdrawn_message_is_not_listed(api, world, bpf_a_coordinator):
    message_services.withdraw_message(
        message=world["message"], actor=bpf_a_coordinator, reason="Superseded"
    )
    assert results(api.get(url("consultation-messages", world["consultation"].slug))) == []


def test_R_CON_6_outputs_list_ready_ones_with_permanent_pdf_urls(api, world):
    consultation = world["consultation"]
    response = api.get(url("consultation-outputs", consultation.slug))
    [row] = results(response)
    assert row["version"] == 1 and row["title"] == "Final output"
    assert row["pdf_url"] == permanent_pdf_url(world["ready"])
    assert row["html_url"].endswith(reverse("consultations:output", args=[consultation.slug, 1]))
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    "name,args",
    [
        ("consultation-list", ()),
        ("consultation-detail", ("slug",)),
        ("consultation-drafts", ("slug",)),
        ("draft-detail", ("slug", 1)),
        ("draft-comments", ("slug", 1)),
        ("consultation-contributions", ("slug",)),
        ("consultation-contributions-summary", ("slug",)),
        ("consultation-messages", ("slug",)),
        ("consultation-outputs", ("slug",)),
    ],
)
def test_no_endpoint_shows_an_email_a_private_value_or_who_edited(api, world, name, args):
    """Every serializer: no email address, hidden or unpublished text, nor the names of the
    people who created, published or moderated (created_by, published_by, hidden_by)."""
    args = [world["consultation"].slug if arg == "slug" else arg for arg in args]
    response = api.get(url(name, *args))
    assert response.status_code == 200
    text = response.content.decode()
    for private in [SECRET, "@example.org", "Ada Coordinator", "Off topic", "Spam", "Quiet Org"]:
        assert private not in text, (name, private)


# ---- Query counts ----------------------------------------------------------------------------


def queries(api, path):
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_the_consultation_list_takes_the_same_queries_for_2_and_6(api, bpf_a, bpf_a_coordinator):
    def add(n):
        for i in range(n):
            made = services.create_consultation(
                workstream=bpf_a, actor=bpf_a_coordinator, title=f"Consultation {i} {n}"
            )
            text = services.create_draft(
                consultation=made, actor=bpf_a_coordinator, title="Draft", body="Text."
            )
            services.publish_draft(draft=text, actor=bpf_a_coordinator)

    add(2)
    few = queries(api, url("consultation-list"))
    add(4)
    assert queries(api, url("consultation-list")) == few


def test_comments_contributions_and_messages_take_the_same_queries_at_two_sizes(
    api, world, commenter, second_commenter, contributor, bpf_a_coordinator
):
    slug, draft = world["consultation"].slug, world["draft"]
    paths = [
        url("draft-comments", slug, 1),
        url("consultation-contributions", slug),
        url("consultation-messages", slug),
        url("consultation-outputs", slug),
        url("consultation-detail", slug),
        url("draft-detail", slug, 1),
    ]
    few = [queries(api, path) for path in paths]
    for i in range(4):
        person = verified(UserFactory())
        comment(draft, 1 + i, person, f"More {i}", named_in_output=bool(i % 2))
        contribution_services.submit_contribution(
            consultation=world["consultation"],
            actor=person,
            title=f"More {i}",
            on_behalf_of="self",
            text="Text",
            named_in_output=True,
        )
        message_services.create_message(
            consultation=world["consultation"],
            actor=bpf_a_coordinator,
            kind="consensus",
            title=f"Message {i}",
            paragraphs=[draft.paragraphs.get(number=1 + i)],
        )
    assert [queries(api, path) for path in paths] == few


# ---- Feeds -----------------------------------------------------------------------------------


def test_R_CON_6_the_outputs_feed_lists_ready_public_outputs(api, world):
    response = api.get("/feeds/outputs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "Final output (v1)" in text and SECRET not in text
    assert reverse("consultations:output", args=[world["consultation"].slug, 1]) in text


def test_R_CON_2_the_open_consultations_feed_has_one_entry_per_comment_window(
    api, world, bpf_a_coordinator, dc_coordinator
):
    consultation, draft = world["consultation"], world["draft"]
    later = timezone.now() + dt.timedelta(days=30)
    services.add_phase(
        consultation=consultation,
        actor=bpf_a_coordinator,
        kind="comments",
        opens_at=later,
        closes_at=later + dt.timedelta(days=7),
        draft=draft,
    )
    private_draft = world["private"].drafts.get()
    services.add_phase(
        consultation=world["private"],
        actor=dc_coordinator,
        kind="comments",
        opens_at=later,
        closes_at=later + dt.timedelta(days=7),
        draft=private_draft,
    )
    response = api.get("/feeds/consultations/open/")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<entry>") == 2
    assert "Private DC consultation" not in text
    windows = Phase.objects.filter(consultation=consultation, kind="comments").order_by("-opens_at")
    updated = [w.opens_at.strftime("%Y-%m-%dT%H:%M:%S") for w in windows]
    positions = [text.index(f"<updated>{moment}") for moment in updated]
    assert positions == sorted(positions)  # newest opening first


@pytest.mark.parametrize("value", ["nonsense", "%00", "-version"])
def test_a_refused_ordering_answers_400_listing_the_accepted_values(api, world, value):
    response = api.get(url("consultation-list", ordering=value))
    assert response.status_code == 400, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "ordering"
    assert "created, -created, updated, -updated, title, -title" in error["message"]


def test_a_refused_ordering_on_updated_names_the_accepted_values(api, world):
    response = api.get(url("consultation-drafts", world["consultation"].slug, ordering="-updated"))
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "ordering"
    assert "version, -version, published_at, -published_at" in error["message"]


def test_a_draft_version_that_is_not_a_number_answers_the_json_404(api, world):
    response = api.get(f"/api/v1/consultations/{world['consultation'].slug}/drafts/abc/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": [{"field": None, "message": "Not found.", "rule": None}]}
