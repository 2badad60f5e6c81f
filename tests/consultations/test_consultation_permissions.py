"""Who may do what in a consultation: a role x action matrix over the real views.

The cast: an anonymous visitor, an outsider (signed in, email not verified), a verified person,
an approved editor, a coordinator of the owning workstream (bpf_a), a coordinator of ANOTHER
workstream (bpf_b) and the Secretariat. Everyone but the outsider has a verified address.
"""

import io

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from PIL import Image

from consultations import services
from consultations.models import Comment, Consultation, Draft

from .conftest import paragraph, verified

ROLES = [
    "anonymous",
    "outsider",
    "verified",
    "editor",
    "owning_coordinator",
    "other_coordinator",
    "secretariat",
]
ALLOWED = {
    "view": set(ROLES),
    "view_preparing": {"editor", "owning_coordinator", "secretariat"},
    "create": {"owning_coordinator", "secretariat"},
    "edit": {"editor", "owning_coordinator", "secretariat"},
    "publish": {"owning_coordinator", "secretariat"},
    "comment": {"verified", "editor", "owning_coordinator", "other_coordinator", "secretariat"},
    "hide": {"editor", "owning_coordinator", "secretariat"},
    "markdownx_preview": {"editor", "owning_coordinator", "secretariat"},
    "markdownx_upload": {"editor", "owning_coordinator", "secretariat"},
}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def cast(
    open_draft,
    outsider,
    commenter,
    editor,
    bpf_a_coordinator,
    bpf_b_coordinator,
    secretariat,
):
    for user in (bpf_a_coordinator, bpf_b_coordinator, secretariat):
        if not EmailAddress.objects.filter(user=user).exists():
            verified(user)
    return {
        "anonymous": None,
        "outsider": outsider,
        "verified": commenter,
        "editor": editor,
        "owning_coordinator": bpf_a_coordinator,
        "other_coordinator": bpf_b_coordinator,
        "secretariat": secretariat,
    }


def _attempt(client, action, draft, bpf_a, bpf_a_coordinator, settings, tmp_path):
    consultation = draft.consultation
    slug = consultation.slug
    if action == "view":
        response = client.get(reverse("consultations:draft", args=[slug, draft.version]))
        return response.status_code == 200 and "policy options further" in response.content.decode()
    if action == "view_preparing":
        Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.PREPARING)
        response = client.get(reverse("consultations:detail", args=[slug]))
        listed = consultation.title in client.get(reverse("consultations:list")).content.decode()
        assert listed == (response.status_code == 200)
        return response.status_code == 200
    if action == "create":
        client.post(
            reverse("consultations:create"),
            {
                "workstream": bpf_a.pk,
                "title": "A new round",
                "language": "en",
                "comment_rate_limit": 20,
            },
        )
        return Consultation.objects.filter(title="A new round").exists()
    if action == "edit":
        editing = services.create_draft(
            consultation=consultation, actor=bpf_a_coordinator, title="Next", body="Old text"
        )
        client.post(
            reverse("consultations:draft-edit", args=[slug, editing.version]),
            {"title": "Next", "body": "New text", "language": "en"},
        )
        editing.refresh_from_db()
        return editing.body == "New text"
    if action == "publish":
        editing = services.create_draft(
            consultation=consultation, actor=bpf_a_coordinator, title="Next", body="Text"
        )
        client.post(reverse("consultations:draft-publish", args=[slug, editing.version]))
        editing.refresh_from_db()
        return editing.status == Draft.Status.PUBLISHED
    if action == "comment":
        client.post(
            reverse("consultations:comment-post", args=[slug, draft.version, 3]),
            {"p3-body": "Matrix comment", "p3-language": "en"},
        )
        return Comment.objects.filter(body="Matrix comment").exists()
    if action == "hide":
        author = verified_author()
        comment = services.post_comment(
            paragraph=paragraph(draft, 2), actor=author, body="To be hidden"
        )
        client.post(reverse("consultations:comment-hide", args=[slug, comment.pk]), {"reason": "R"})
        comment.refresh_from_db()
        return comment.status == Comment.Status.HIDDEN
    if action == "markdownx_preview":
        response = client.post(reverse("consultations:markdownx-preview"), {"content": "**b**"})
        assert response.status_code in (200, 403)
        return response.status_code == 200 and "<strong>b</strong>" in response.content.decode()
    if action == "markdownx_upload":
        settings.MEDIA_ROOT = tmp_path
        upload = io.BytesIO(png_bytes())
        upload.name = "tiny.png"
        response = client.post(
            reverse("consultations:markdownx-upload"),
            {"image": upload},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code in (200, 403)
        return response.status_code == 200 and "image_code" in response.json()
    raise AssertionError(action)


def verified_author():
    from tests.factories import UserFactory

    return verified(UserFactory())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_R_CON_2_R_CON_5_permission_matrix(
    client, cast, open_draft, bpf_a, bpf_a_coordinator, settings, tmp_path, role, action
):
    if cast[role] is not None:
        client.force_login(cast[role])
    allowed = _attempt(client, action, open_draft, bpf_a, bpf_a_coordinator, settings, tmp_path)
    assert allowed == (role in ALLOWED[action]), (role, action)


def test_a_consultation_of_a_proposed_workstream_is_404_to_outsiders(
    client, dc_proposed, dc_coordinator, outsider
):
    consultation = services.create_consultation(
        workstream=dc_proposed, actor=dc_coordinator, title="Private round"
    )
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.OPEN)
    url = reverse("consultations:detail", args=[consultation.slug])
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("consultations:detail", args=["no-such-thing"])).status_code == 404
    client.force_login(dc_coordinator)
    assert client.get(url).status_code == 200
