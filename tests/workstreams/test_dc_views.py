"""DC pages: the role x action matrix, the review queue, forms that lose nothing, bad input."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import StakeholderGroup
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory
from workstreams import dc
from workstreams.models import DcAnnualReport, DcApplication, Membership, Workstream

from .test_dc_workflow import complete_application

Status = DcApplication.Status


@pytest.fixture
def other_dc_coordinator(db):
    other = WorkstreamFactory(kind="dc", name="DC Elsewhere", slug="dc-elsewhere", status="active")
    user = UserFactory(email="other-dc@example.org")
    Membership.objects.create(workstream=other, user=user, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def people(secretariat, dc_coordinator, other_dc_coordinator, outsider):
    return {
        "anonymous": None,
        "outsider": outsider,
        "dc_coordinator": dc_coordinator,
        "other_dc_coordinator": other_dc_coordinator,
        "secretariat": secretariat,
    }


def _client(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])
    return client


# page: the status each person gets (GET), for a draft application of dc_proposed; an
# anonymous visitor is sent to sign in (302), e.g. from a reminder email's link
MATRIX = {
    "dc-apply": {
        "anonymous": 302,
        "outsider": 200,
        "dc_coordinator": 200,
        "other_dc_coordinator": 200,
        "secretariat": 200,
    },
    "dc-application": {
        "anonymous": 302,
        "outsider": 404,
        "dc_coordinator": 200,
        "other_dc_coordinator": 404,
        "secretariat": 200,
    },
    "dc-application-review": {
        "anonymous": 302,
        "outsider": 404,
        "dc_coordinator": 404,
        "other_dc_coordinator": 404,
        "secretariat": 200,
    },
    "dc-annual-report": {
        "anonymous": 302,
        "outsider": 404,
        "dc_coordinator": 200,
        "other_dc_coordinator": 404,
        "secretariat": 200,
    },
    "review-queue": {
        "anonymous": 302,
        "outsider": 404,
        "dc_coordinator": 404,
        "other_dc_coordinator": 404,
        "secretariat": 200,
    },
    "dc-reports": {
        "anonymous": 302,
        "outsider": 404,
        "dc_coordinator": 404,
        "other_dc_coordinator": 404,
        "secretariat": 200,
    },
}
CASES = [(page, who, status) for page, row in MATRIX.items() for who, status in row.items()]


@pytest.mark.parametrize(("page", "who", "expected"), CASES)
def test_R_DC_7_and_R_DC_3_role_by_page_matrix(client, people, dc_proposed, page, who, expected):
    complete_application(dc_proposed)
    IgfCycleFactory(year=2026)
    args = [] if page in {"dc-apply", "review-queue", "dc-reports"} else [dc_proposed.slug]
    response = _client(client, people, who).get(reverse(f"workstreams:{page}", args=args))
    assert response.status_code == expected


POSTS = {
    "save": ("dc-application", {"need": "x"}),
    "decide": ("dc-application-review", {"action": "reject", "reason": "r", "confirm": "on"}),
    "file": ("dc-annual-report", {"text": "A report."}),
    "round": ("dc-reports", {"cycle": "", "due_date": "2026-06-30"}),
}
POST_ALLOWED = {
    "save": {"dc_coordinator", "secretariat"},
    "decide": {"secretariat"},
    "file": {"dc_coordinator", "secretariat"},
    "round": {"secretariat"},
}


def _form_post(application, data):
    base = {
        "reps-TOTAL_FORMS": "1",
        "reps-INITIAL_FORMS": "0",
        "reps-0-name": "",
        "save": "1",
    }
    return {**base, **data}


@pytest.mark.parametrize(
    "who", ["anonymous", "outsider", "dc_coordinator", "other_dc_coordinator", "secretariat"]
)
@pytest.mark.parametrize("action", list(POSTS))
def test_R_DC_7_and_R_DC_3_role_by_action_matrix(client, people, dc_proposed, who, action):
    cycle = IgfCycleFactory(year=2026)
    status = Status.SUBMITTED if action == "decide" else Status.DRAFT
    application = complete_application(dc_proposed, status=status)
    DcAnnualReport.objects.create(
        workstream=dc_proposed, cycle=cycle, due_date=dt.date(2026, 6, 30)
    )
    page, data = POSTS[action]
    if action == "save":
        data = _form_post(application, data)
    if action == "round":
        data = {**data, "cycle": cycle.pk}
    args = [] if page == "dc-reports" else [dc_proposed.slug]
    response = _client(client, people, who).post(reverse(f"workstreams:{page}", args=args), data)
    if who in POST_ALLOWED[action]:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert "/accounts/login/" not in response["Location"]
    elif who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code in {403, 404}
    application.refresh_from_db()
    if action == "save" and who not in POST_ALLOWED[action]:
        assert application.need != "x"
    if action == "decide" and who not in POST_ALLOWED[action]:
        assert application.status == Status.SUBMITTED


def _full_post(groups, **overrides):
    group_ids = [StakeholderGroup.objects.get(slug=slug).pk for slug in groups]
    data = {
        "need": "Because nobody else does it.",
        "action_plan": "Monthly calls.",
        "mailing_list": "dc@lists.example.org",
        "contact_name": "Dee",
        "contact_email": "dee@example.org",
        "open_membership": "on",
        "open_mailing_list": "on",
        "open_archives": "on",
        "reps-TOTAL_FORMS": "5",
        "reps-INITIAL_FORMS": "0",
        "submit": "1",
    }
    for n, group in enumerate(group_ids):
        data[f"reps-{n}-name"] = f"Rep {n}"
        data[f"reps-{n}-organisation"] = f"Org {n}"
        data[f"reps-{n}-stakeholder_group"] = str(group)
    data.update(overrides)
    return data


def test_R_DC_1_a_refused_submission_keeps_every_typed_value(client, dc_proposed, dc_coordinator):
    application = DcApplication.objects.create(workstream=dc_proposed)
    client.force_login(dc_coordinator)
    url = reverse("workstreams:dc-application", args=[dc_proposed.slug])
    response = client.post(url, _full_post(["government", "civil-society"]))
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "R-DC-1: representatives from at least three stakeholder groups are required; found 2"
        in page
    )
    for value in (
        "Because nobody else does it.",
        "Monthly calls.",
        "dc@lists.example.org",
        "Rep 1",
        "Org 0",
    ):
        assert value in page
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert application.need == "Because nobody else does it."
    assert application.representatives.count() == 2
    response = client.post(
        url,
        _full_post(["government", "civil-society", "technical-community"]),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_R_DC_1_missing_items_are_named_at_the_top_and_beside_each_field(
    client, dc_proposed, dc_coordinator
):
    DcApplication.objects.create(workstream=dc_proposed)
    client.force_login(dc_coordinator)
    url = reverse("workstreams:dc-application", args=[dc_proposed.slug])
    data = _full_post(["government"], need="", action_plan="", open_archives="")
    del data["open_archives"]
    page = client.post(url, data).content.decode()
    assert "R-DC-1: the application is missing: the need for the coalition, an action plan." in page
    assert "found 1" in page
    assert "R-DC-2:" in page
    assert page.count("Needed before the application can be submitted.") >= 3


def test_R_DC_3_history_shows_who_when_and_why(client, dc_proposed, dc_coordinator, secretariat):
    application = complete_application(dc_proposed)
    dc.submit_dc_application(application=application, actor=dc_coordinator)
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:dc-application-review", args=[dc_proposed.slug]),
        {"action": "recognise", "reason": "Meets every requirement.", "confirm": "on"},
    )
    assert response.status_code == 302
    page = client.get(reverse("workstreams:history", args=[dc_proposed.slug])).content.decode()
    assert "Submitted, awaiting review → Recognised" in page
    assert "Proposed → Active" in page
    assert "Meets every requirement." in page
    assert "Sam Secretariat" in page and "Dee Coordinator" in page


def test_R_DC_3_recognising_needs_the_confirmation(client, dc_proposed, secretariat):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    client.force_login(secretariat)
    url = reverse("workstreams:dc-application-review", args=[dc_proposed.slug])
    response = client.post(url, {"action": "recognise", "reason": "Fine."})
    assert response.status_code == 400
    assert "I confirm" in response.content.decode()
    response = client.post(url, {"action": "recognise", "confirm": "on", "reason": ""})
    assert response.status_code == 400
    assert "R-DC-3" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_R_DC_5_the_dccg_invitation_is_shown_on_the_dc_page(client, dc_proposed, secretariat):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    dc.decide_dc_application(
        application=application, action="recognise", actor=secretariat, reason="Yes."
    )
    page = client.get(reverse("workstreams:detail", args=[dc_proposed.slug])).content.decode()
    assert "DC Coordination Group" in page and "Invited on" in page


def test_apply_creates_a_draft_and_opens_it(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("workstreams:dc-apply"), {"name": "DC on Rivers"})
    workstream = Workstream.objects.get(name="DC on Rivers")
    assert response.url == reverse("workstreams:dc-application", args=[workstream.slug])
    assert client.get(response.url).status_code == 200


def _submitted(n, when):
    for i in range(n):
        ws = WorkstreamFactory(kind="dc", name=f"DC queue {i}", slug=f"dc-q{i}", status="proposed")
        application = complete_application(ws, status=Status.SUBMITTED)
        DcApplication.objects.filter(pk=application.pk).update(
            submitted_at=when - dt.timedelta(days=i)
        )


def test_R_DC_3_the_review_queue_is_oldest_first_filtered_and_linked(client, secretariat):
    now = timezone.now()
    _submitted(3, now)
    DcApplication.objects.filter(workstream__slug="dc-q1").update(status=Status.CHANGES_REQUESTED)
    client.force_login(secretariat)
    url = reverse("workstreams:review-queue")
    page = client.get(url).content.decode()
    assert page.index("DC queue 2") < page.index("DC queue 1") < page.index("DC queue 0")
    assert reverse("workstreams:dc-application-review", args=["dc-q2"]) in page
    page = client.get(url, {"status": "submitted"}).content.decode()
    assert "DC queue 1" not in page and "DC queue 2" in page
    page = client.get(url, {"older_than": "1"}).content.decode()
    assert "DC queue 2" in page and "DC queue 0" not in page
    page = client.get(url, {"kind": "dc", "status": "changes_requested"}).content.decode()
    assert "DC queue 1" in page and "DC queue 0" not in page


def test_R_DC_3_the_review_queue_costs_the_same_at_10_and_200(
    client, secretariat, django_assert_max_num_queries
):
    client.force_login(secretariat)
    url = reverse("workstreams:review-queue")
    _submitted(10, timezone.now())
    client.get(url)  # warm the session and the site role caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as at_10:
        assert client.get(url).status_code == 200
    DcApplication.objects.all().delete()
    Workstream.objects.filter(kind="dc").delete()
    _submitted(200, timezone.now())
    with django_assert_max_num_queries(len(at_10)):
        page = client.get(url)
    assert page.status_code == 200
    assert "200 applications" in page.content.decode()


NASTY = ["\x00", "a" * 100_000, "<script>alert(1)</script>", "' OR 1=1 --", "%s%n", "🙂" * 50]


@pytest.mark.parametrize("value", NASTY)
def test_hostile_values_never_cause_a_server_error(
    client, dc_proposed, dc_coordinator, secretariat, value
):
    cycle = IgfCycleFactory(year=2026)
    application = complete_application(dc_proposed, status=Status.DRAFT)
    DcAnnualReport.objects.create(
        workstream=dc_proposed, cycle=cycle, due_date=dt.date(2026, 6, 30)
    )
    client.force_login(dc_coordinator)
    data = _full_post(["government"], need=value, action_plan=value, contact_name=value)
    data.update({"reps-1-name": value, "reps-1-stakeholder_group": value, "mailing_list": value})
    assert client.post(
        reverse("workstreams:dc-application", args=[dc_proposed.slug]), data
    ).status_code in {302, 400}
    response = client.post(
        reverse("workstreams:dc-annual-report", args=[dc_proposed.slug]), {"text": value}
    )
    assert response.status_code in {302, 400}
    client.force_login(secretariat)
    assert client.post(reverse("workstreams:dc-apply"), {"name": value}).status_code in {302, 400}
    assert (
        client.get(
            reverse("workstreams:review-queue"),
            {"kind": value, "status": value, "older_than": value},
        ).status_code
        == 200
    )
    assert client.get(reverse("workstreams:dc-reports"), {"cycle": value}).status_code == 200
    assert (
        client.post(
            reverse("workstreams:dc-reports"), {"cycle": value, "due_date": value}
        ).status_code
        == 400
    )
    application.status = Status.SUBMITTED
    application.save()
    response = client.post(
        reverse("workstreams:dc-application-review", args=[dc_proposed.slug]),
        {"action": value, "reason": value, "confirm": value},
    )
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
