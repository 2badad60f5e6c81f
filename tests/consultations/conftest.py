"""A consultation of bpf_a with a published draft (five paragraphs) open for comment now,
and the people who take part in it."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from consultations import services
from consultations.models import Editor
from tests.factories import UserFactory

DRAFT_BODY = """# Connecting the next billion

The first phase focused on developing a set of policy options.

In 2016 it is proposed to develop these policy options further.

Contributions will be gathered and incorporated through an iterative process.

Draft outputs will be discussed online and during the annual meeting.
"""


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def consultation(bpf_a, bpf_a_coordinator):
    return services.create_consultation(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Policy Options for Connecting the Next Billion",
        summary="Phase II",
    )


@pytest.fixture
def draft(consultation, bpf_a_coordinator):
    draft = services.create_draft(
        consultation=consultation,
        actor=bpf_a_coordinator,
        title="Policy Options, first draft",
        body=DRAFT_BODY,
    )
    return services.publish_draft(draft=draft, actor=bpf_a_coordinator)


@pytest.fixture
def window(consultation, draft, bpf_a_coordinator):
    now = timezone.now()
    return services.add_phase(
        consultation=consultation,
        actor=bpf_a_coordinator,
        kind="comments",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=7),
        draft=draft,
    )


@pytest.fixture
def open_draft(draft, window):
    """A published draft with five paragraphs, its comment window open now."""
    consultation = draft.consultation
    consultation.refresh_from_db()
    draft.consultation = consultation
    return draft


@pytest.fixture
def commenter(db):
    return verified(UserFactory(email="commenter@example.org", display_name="Cleo Commenter"))


@pytest.fixture
def second_commenter(db):
    return verified(UserFactory(email="second@example.org", display_name="Sol Second"))


@pytest.fixture
def editor(consultation, bpf_a_coordinator):
    user = verified(UserFactory(email="editor@example.org", display_name="Eda Editor"))
    Editor.objects.create(
        consultation=consultation,
        user=user,
        status=Editor.Status.APPROVED,
        decided_by=bpf_a_coordinator,
        decided_at=timezone.now(),
    )
    return user


def paragraph(draft, number):
    return draft.paragraphs.get(number=number)
