"""Contributions (R-CON-4): who contributed, on behalf of what, text and/or a checked file."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.exceptions import DomainError
from consultations import contributions
from consultations.models import ConsultationEvent, Contribution
from tests.factories import UserFactory, WorkstreamFactory

from .conftest import verified
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import PDF_BYTES, make_nri, pdf_upload


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def submit(consultation, actor, **overrides):
    arguments = {
        "consultation": consultation,
        "actor": actor,
        "title": "Local access stories",
        "text": "Community networks in rural areas.",
        "on_behalf_of": Contribution.OnBehalf.SELF,
    }
    arguments.update(overrides)
    return contributions.submit_contribution(**arguments)


def test_R_CON_4_contribution_records_author_and_origin(consultation, call, contributor):
    contribution = submit(
        consultation,
        contributor,
        on_behalf_of=Contribution.OnBehalf.ORGANISATION,
        organisation="Rural Connect",
        language="fr",
        named_in_output=True,
    )
    contribution.refresh_from_db()
    assert contribution.author == contributor
    assert contribution.on_behalf_of == "organisation"
    assert contribution.organisation == "Rural Connect"
    assert contribution.language == "fr"
    assert contribution.phase == call
    assert ConsultationEvent.objects.filter(action="contribution_submitted").exists()


def test_R_CON_4_organisation_needs_its_name(consultation, call, contributor):
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor, on_behalf_of="organisation", organisation="  ")
    assert refused.value.field == "organisation"


def test_R_CON_4_text_or_file_is_required(consultation, call, contributor):
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor, text="")
    assert "R-CON-4" in refused.value.messages[0]


def test_R_CON_1_no_contribution_without_an_open_call(open_draft, contributor):
    consultation = open_draft.consultation
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor)
    assert "R-CON-1" in refused.value.messages[0]


def test_unverified_person_may_not_contribute(consultation, call):
    with pytest.raises(PermissionDenied):
        submit(consultation, UserFactory(email="unverified@example.org"))


def test_R_CON_4_on_behalf_of_an_nri_needs_a_role_in_it(
    consultation, call, contributor, nri_kenya, nri_kenya_coordinator
):
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor, on_behalf_of="nri", on_behalf_workstream=nri_kenya)
    assert "R-CON-4" in refused.value.messages[0]
    contribution = submit(
        consultation, nri_kenya_coordinator, on_behalf_of="nri", on_behalf_workstream=nri_kenya
    )
    assert contribution.on_behalf_workstream == nri_kenya


def test_R_CON_4_a_bpf_is_not_an_nri(consultation, call, bpf_a, bpf_a_coordinator):
    verified(bpf_a_coordinator)
    with pytest.raises(DomainError):
        submit(consultation, bpf_a_coordinator, on_behalf_of="nri", on_behalf_workstream=bpf_a)
    contribution = submit(
        consultation, bpf_a_coordinator, on_behalf_of="bpf", on_behalf_workstream=bpf_a
    )
    assert contribution.on_behalf_workstream == bpf_a


def test_R_CON_4_a_pdf_file_is_accepted(consultation, call, contributor):
    contribution = submit(consultation, contributor, text="", uploaded_file=pdf_upload())
    assert contribution.content_type == "application/pdf"
    assert contribution.file.name.endswith(".pdf")


def test_R_CON_4_a_docx_file_is_accepted(consultation, call, contributor):
    upload = SimpleUploadedFile("notes.docx", docx_bytes())
    contribution = submit(consultation, contributor, uploaded_file=upload)
    assert contribution.file.name.endswith(".docx")


def test_R_CON_4_a_pdf_renamed_docx_is_refused(consultation, call, contributor):
    upload = SimpleUploadedFile("notes.docx", PDF_BYTES)
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor, uploaded_file=upload)
    message = refused.value.messages[0]
    assert "R-CON-4" in message and ".docx" in message and "PDF" in message
    assert not Contribution.objects.exists()


def test_R_CON_4_a_file_over_10_MB_is_refused(consultation, call, contributor):
    upload = SimpleUploadedFile(
        "big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024 + 1 - len(PDF_BYTES))
    )
    assert upload.size == 10 * 1024 * 1024 + 1
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor, uploaded_file=upload)
    assert "limit is 10.0" in refused.value.messages[0]


def test_R_CON_4_a_file_of_exactly_10_MB_is_accepted(consultation, call, contributor):
    upload = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024 - len(PDF_BYTES)))
    assert submit(consultation, contributor, uploaded_file=upload).size == 10 * 1024 * 1024


@pytest.mark.parametrize(
    "name, data",
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("drawing.svg.pdf", b"<svg onload=alert(1)></svg>"),
        ("sheet.xlsx", b"PK\x03\x04broken"),
    ],
)
def test_R_CON_4_other_types_are_refused(consultation, call, contributor, name, data):
    with pytest.raises(DomainError) as refused:
        submit(consultation, contributor, uploaded_file=SimpleUploadedFile(name, data))
    assert refused.value.field == "file"


def test_R_CON_4_counts_by_origin_read_2_of_3_from_nris(consultation, call, contributor):
    nris = [make_nri(f"NRI {n}", f"nri-{n}", "FR") for n in range(2)]
    from workstreams.models import Membership

    for nri in nris:
        Membership.objects.create(workstream=nri, user=contributor, role=Membership.Role.MEMBER)
        submit(consultation, contributor, on_behalf_of="nri", on_behalf_workstream=nri)
    submit(consultation, contributor)
    withdrawn = submit(consultation, contributor, title="Withdrawn later")
    contributions.withdraw_contribution(contribution=withdrawn, actor=contributor)
    counts = contributions.origin_counts(consultation)
    phrases = {row["origin"]: row["phrase"] for row in counts["rows"]}
    assert counts["total"] == 3
    assert phrases["nri"] == "2 of 3 from NRIs"
    assert phrases["self"] == "1 of 3 from individuals"


def test_R_CON_4_the_public_list_shows_the_counts(client, consultation, call, contributor):
    submit(consultation, contributor, title="A visible one")
    response = client.get(reverse("consultations:contributions", args=[consultation.slug]))
    assert response.status_code == 200
    assert "A visible one" in response.text
    assert "1 of 1 from individuals" in response.text


def test_withdraw_and_hide_are_recorded_never_deleted(
    consultation, call, contributor, bpf_a_coordinator
):
    first = submit(consultation, contributor, title="First")
    with pytest.raises(PermissionDenied):
        contributions.withdraw_contribution(contribution=first, actor=bpf_a_coordinator)
    contributions.withdraw_contribution(contribution=first, actor=contributor, reason="Outdated")
    second = submit(consultation, contributor, title="Second")
    with pytest.raises(DomainError) as refused:
        contributions.hide_contribution(contribution=second, actor=bpf_a_coordinator, reason="")
    assert refused.value.field == "reason"
    contributions.hide_contribution(contribution=second, actor=bpf_a_coordinator, reason="Spam")
    assert Contribution.objects.count() == 2
    assert set(Contribution.objects.values_list("status", "status_reason")) == {
        ("withdrawn", "Outdated"),
        ("hidden", "Spam"),
    }
    actions = set(ConsultationEvent.objects.values_list("action", flat=True))
    assert {"contribution_withdrawn", "contribution_hidden"} <= actions


def test_the_form_reshows_input_and_names_the_problem(client, consultation, call, contributor):
    client.force_login(contributor)
    url = reverse("consultations:contribution-create", args=[consultation.slug])
    response = client.post(
        url,
        {
            "title": "My kept title",
            "on_behalf_of": "self",
            "text": "Text I typed",
            "language": "en",
            "file": SimpleUploadedFile("notes.docx", PDF_BYTES),
        },
    )
    assert response.status_code == 400
    assert "R-CON-4" in response.text and "My kept title" in response.text
    assert "Text I typed" in response.text


@pytest.mark.parametrize(
    "title, text",
    [("Nul\x00title", "text"), ("x" * 201, "text"), ("Title", "y" * 50_001)],
)
def test_bad_input_is_answered_not_a_500(client, consultation, call, contributor, title, text):
    client.force_login(contributor)
    url = reverse("consultations:contribution-create", args=[consultation.slug])
    response = client.post(
        url, {"title": title, "on_behalf_of": "self", "text": text, "language": "en"}
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_file_download_goes_through_a_permission_check(
    client, consultation, call, contributor, bpf_a_coordinator
):
    contribution = submit(consultation, contributor, uploaded_file=pdf_upload())
    url = reverse("consultations:contribution-file", args=[consultation.slug, contribution.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    contributions.hide_contribution(
        contribution=contribution, actor=bpf_a_coordinator, reason="Off topic"
    )
    assert client.get(url).status_code == 404
    client.force_login(contributor)
    assert client.get(url).status_code == 200


def test_an_other_consultations_contribution_is_404(client, consultation, call, contributor):
    from consultations import services

    other_ws = WorkstreamFactory()
    coordinator = UserFactory()
    from workstreams.models import Membership

    Membership.objects.create(workstream=other_ws, user=coordinator, role="coordinator")
    other = services.create_consultation(workstream=other_ws, actor=coordinator, title="Other")
    contribution = submit(consultation, contributor, uploaded_file=pdf_upload())
    url = reverse("consultations:contribution-file", args=[other.slug, contribution.pk])
    assert client.get(url).status_code == 404


def test_hostile_contribution_text_renders_inert(client, consultation, call, contributor):
    submit(
        consultation,
        contributor,
        title='<img src=x onerror="alert(1)">',
        text="<script>alert('x')</script> [a](javascript:alert(1))",
    )
    response = client.get(reverse("consultations:contributions", args=[consultation.slug]))
    assert "<script>alert" not in response.text and "<img src=x" not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_list_takes_the_same_queries_for_5_and_60_contributions(
    client, consultation, call, contributor, nri_kenya, nri_kenya_coordinator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("consultations:contributions", args=[consultation.slug])
    client.force_login(contributor)
    client.get(url)  # warm up: the session and the person's roles are read once
    counts = []
    for size in (5, 55):
        for n in range(size):
            if n % 2:
                submit(consultation, contributor, title=f"Own {n}")
            else:
                submit(
                    consultation,
                    nri_kenya_coordinator,
                    title=f"NRI {n}",
                    on_behalf_of="nri",
                    on_behalf_workstream=nri_kenya,
                )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert "31 of 60 from NRIs" in response.text
    assert counts[0] == counts[1] <= 15


def test_R_CON_4_a_contributor_who_chose_not_to_be_named_is_not_named_on_the_list(db, client):
    """The public list counts every contribution but names only those who agreed."""
    from django.utils import timezone

    from consultations import contributions as service
    from consultations.models import Phase
    from tests.factories import UserFactory, WorkstreamFactory

    owner = UserFactory(email="owner@example.org", display_name="Owen Owner")
    from accounts.models import SiteRole

    SiteRole.objects.create(user=owner, role=SiteRole.Role.SECRETARIAT)
    from allauth.account.models import EmailAddress

    author = UserFactory(email="quiet@example.org", display_name="Quentin Quiet")
    EmailAddress.objects.create(user=author, email=author.email, verified=True, primary=True)
    from consultations import services

    consultation = services.create_consultation(
        workstream=WorkstreamFactory(), actor=owner, title="Call"
    )
    services.add_phase(
        consultation=consultation,
        actor=owner,
        kind=Phase.Kind.CALL_FOR_CONTRIBUTIONS,
        opens_at=timezone.now() - timezone.timedelta(days=1),
    )
    consultation = services.update_consultation(
        consultation=consultation,
        actor=owner,
        title="Call",
        summary="",
        language="en",
        status="open",
        comment_rate_limit=20,
    )
    service.submit_contribution(
        consultation=consultation,
        actor=author,
        title="My quiet input",
        text="Some text.",
        on_behalf_of="self",
        named_in_output=False,
    )
    page = client.get(reverse("consultations:contributions", args=[consultation.slug]))
    html = page.content.decode()
    assert "My quiet input" in html and "Quentin Quiet" not in html
