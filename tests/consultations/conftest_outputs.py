"""Fixtures of engineer E's tests (contributions, editors, messages, outputs), imported by name
from each test module; they build on tests/consultations/conftest.py (a consultation of bpf_a
with a published five-paragraph draft)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Profile
from consultations import editorial, pn, services
from consultations.models import Comment, Phase
from tests.factories import UserFactory, WorkstreamFactory, stakeholder_group
from workstreams.models import Membership, Workstream

from .conftest import verified

__all__ = [
    "_kinds_registered",
    "call",
    "contributor",
    "nri_kenya",
    "nri_kenya_coordinator",
]

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name="contribution.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _kinds_registered(settings, tmp_path):
    # The lead wires these into ConsultationsConfig.ready(); both are idempotent.
    editorial.register()
    pn.register()
    # Uploaded files and rendered PDFs go to the test's own directory, never to media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call(consultation, draft, bpf_a_coordinator):
    """An open-ended call for contributions, open since yesterday (R-CON-1), in a
    consultation made public by its first published draft."""
    consultation.refresh_from_db()
    return services.add_phase(
        consultation=consultation,
        actor=bpf_a_coordinator,
        kind=Phase.Kind.CALL_FOR_CONTRIBUTIONS,
        opens_at=timezone.now() - dt.timedelta(days=1),
    )


@pytest.fixture
def contributor(db):
    return verified(UserFactory(email="contributor@example.org", display_name="Cora Contributor"))


def make_nri(name, slug, country="KE"):
    return WorkstreamFactory(
        kind=Workstream.Kind.NRI,
        name=name,
        slug=slug,
        nri_level=Workstream.NriLevel.NATIONAL,
        country=country,
    )


@pytest.fixture
def nri_kenya(db):
    return make_nri("Kenya IGF", "kenya-igf", "KE")


@pytest.fixture
def nri_kenya_coordinator(nri_kenya):
    user = verified(UserFactory(email="kenya@example.org", display_name="Kamau Coordinator"))
    Membership.objects.create(workstream=nri_kenya, user=user, role=Membership.Role.COORDINATOR)
    return user


def set_profile(user, *, group=None, country="", gender="", public=True):
    profile = Profile.objects.get(user=user)
    profile.stakeholder_group = stakeholder_group(group) if group else None
    profile.country = country
    profile.gender = gender
    profile.public_stakeholder_group = public
    profile.public_country = public
    profile.public_gender = public
    profile.save()
    return user


def make_comments(draft, authors, count, *, named=False, number=1):
    """Comment rows made directly (the comment service is D's, tested there): fast to make
    in the thousands for the query-count tests."""
    paragraph = draft.paragraphs.get(number=number)
    phase = Phase.objects.filter(draft=draft).first()
    comments = Comment.objects.bulk_create(
        Comment(
            paragraph=paragraph,
            draft=draft,
            phase=phase,
            author=authors[n % len(authors)],
            body=f"Comment number {n} on paragraph {number}.",
            named_in_output=named,
        )
        for n in range(count)
    )
    return comments
