"""Schemathesis against the live test server: every GET operation of the published schema,
with generated parameters and with the seeded objects' own identifiers, answers without a
server error, with a documented status code, content type and body; and a comment POSTed
with a token conforms too.

Deterministic (a fixed derandomised generation) and bounded (a few examples per operation),
so it runs in CI in well under a minute."""

import datetime as dt

import pytest
import schemathesis
from allauth.account.models import EmailAddress
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.models import ApiToken
from consultations import messages as message_services
from consultations import services
from consultations.models import Output
from mag.models import Meeting
from tests.factories import UserFactory, WorkstreamFactory
from workstreams.models import Membership

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 5
SLUG = "connecting-the-next-billion"


def seed():
    """A workstream with a coordinator; a consultation with a published draft open for
    comment, comments (named, anonymous, a reply, a hidden one), a message and an output;
    a meeting. Returns the identifiers the operations' paths need, and a commenter."""
    workstream = WorkstreamFactory(name="BPF on Testing", slug="bpf-testing")
    coordinator = UserFactory(display_name="Ada Coordinator")
    Membership.objects.create(
        workstream=workstream, user=coordinator, role=Membership.Role.COORDINATOR
    )
    commenter = UserFactory(display_name="Cleo Commenter")
    for person in (coordinator, commenter):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    consultation = services.create_consultation(
        workstream=workstream, actor=coordinator, title="Connecting the next billion", slug=SLUG
    )
    draft = services.create_draft(
        consultation=consultation,
        actor=coordinator,
        title="First draft",
        body="# Title\n\nOne paragraph.\n\nAnother paragraph.\n",
    )
    draft = services.publish_draft(draft=draft, actor=coordinator)
    now = timezone.now()
    services.add_phase(
        consultation=consultation,
        actor=coordinator,
        kind="comments",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=7),
        draft=draft,
    )
    consultation.refresh_from_db()
    draft.consultation = consultation
    paragraph = draft.paragraphs.get(number=2)
    first = services.post_comment(
        paragraph=paragraph, actor=commenter, body="Named", named_in_output=True
    )
    services.post_comment(paragraph=paragraph, actor=coordinator, body="Reply", parent=first)
    hidden = services.post_comment(paragraph=paragraph, actor=commenter, body="Hidden")
    services.hide_comment(comment=hidden, actor=coordinator, reason="Test")
    message_services.create_message(
        consultation=consultation,
        actor=coordinator,
        kind="consensus",
        title="Agreed",
        paragraphs=[paragraph],
        comment_ids=[first.pk],
    )
    Output.objects.create(
        consultation=consultation,
        draft=draft,
        version=1,
        title="Output",
        render_status=Output.RenderStatus.READY,
        rendered_at=now,
        published_by=coordinator,
    )
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.BPF_MEETING,
        workstream=workstream,
        title="Kick-off call",
        slug="kick-off-call",
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=1),
    )
    return {
        "workstream": workstream.slug,
        "consultation": consultation.slug,
        "meeting": meeting.slug,
        "version": draft.version,
        "number": paragraph.number,
        "commenter": commenter,
    }


@pytest.fixture
def seeded(live_server, monkeypatch):
    # Hundreds of calls in a few seconds: the rate limits are not under test here.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "token": "100000/minute"}
    )
    return seed()


@pytest.fixture
def api_schema(live_server, seeded):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE], max_examples=MAX_EXAMPLES, deterministic=True
    )
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


def known_path_parameters(case, seeded):
    """The seeded objects' identifiers for this operation's path, so the serializers of real
    objects are checked as well as the 404s of generated identifiers."""
    path = case.operation.path
    values = {"version": seeded["version"], "number": seeded["number"]}
    if path.startswith("/api/v1/consultations/"):
        values["slug"] = seeded["consultation"]
    elif path.startswith("/api/v1/meetings/"):
        values["slug"] = seeded["meeting"]
    else:
        values["slug"] = seeded["workstream"]
    return {name: values[name] for name in (case.path_parameters or {}) if name in values}


# Operations whose errors (400 for a refused filter, 404) are not documented in the schema yet:
# checked for server errors, content types and bodies, but not yet for undocumented statuses.
# Engineer F's part; drop a prefix here once its views list their error responses.
ERRORS_NOT_YET_DOCUMENTED = ()


def checks_for(case):
    if case.operation.path.startswith(ERRORS_NOT_YET_DOCUMENTED):
        return [check for check in CHECKS if check is not status_code_conformance]
    return CHECKS


@schema.include(method="GET").parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_get_operation_conforms_to_the_schema(case, seeded):
    checks = checks_for(case)
    case.call_and_validate(checks=checks)
    known = known_path_parameters(case, seeded)
    if known:
        case.path_parameters = {**case.path_parameters, **known}
        case.call_and_validate(checks=checks)


@schema.include(
    method="POST",
    path="/api/v1/consultations/{slug}/drafts/{version}/paragraphs/{number}/comments/",
).parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_posting_a_comment_with_a_token_conforms_to_the_schema(case, seeded):
    _token, key = ApiToken.issue(user=seeded["commenter"], name="schemathesis")
    case.path_parameters = known_path_parameters(case, seeded)
    case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
