"""Role x action matrix of a workstream's space: coordinators run their own space only (R-DC-7)."""

import pytest
from django.urls import reverse

from tests.workstreams.test_spaces_uploads import pdf_bytes, png_bytes, upload
from workstreams import spaces
from workstreams.models import Document, NewsPost

ROLES = ["anonymous", "outsider", "bpf_a_member", "bpf_a_coordinator", "bpf_b_coordinator"]
ROLES += ["secretariat"]

OK, LOGIN, FORBIDDEN, MISSING = "ok", "login", 403, 404
# One row per action, one column per role, in the order of ROLES.
WRITE = (LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK)
MATRIX = {
    "view news": (OK,) * 6,
    "post news": WRITE,
    "edit news": WRITE,
    "remove news": WRITE,
    "view documents": (OK,) * 6,
    "upload document": WRITE,
    "download public document": (OK,) * 6,
    "download private document": (MISSING, MISSING, OK, OK, MISSING, OK),
    "remove document": WRITE,
}
CASES = [
    pytest.param(action, role, expected, id=f"{action}-{role}")
    for action, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def space(bpf_a, bpf_a_coordinator, bpf_a_member, bpf_b_coordinator, secretariat, outsider):
    post = spaces.post_news(
        workstream=bpf_a, actor=bpf_a_coordinator, title="Call on 3 June", body="Agenda\nto come"
    )
    public = spaces.upload_document(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Public report",
        uploaded_file=upload("report.pdf", pdf_bytes()),
    )
    private = spaces.upload_document(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Private logo",
        uploaded_file=upload("logo.png", png_bytes()),
        is_public=False,
    )
    return {"post": post, "public": public, "private": private}


def _request(client, action, workstream, space):
    slug = workstream.slug
    post, public, private = space["post"], space["public"], space["private"]
    reason = {"reason": "Posted by mistake"}
    return {
        "view news": lambda: client.get(reverse("workstreams:news", args=[slug])),
        "post news": lambda: client.post(
            reverse("workstreams:news-create", args=[slug]), {"title": "New", "body": "Text"}
        ),
        "edit news": lambda: client.post(
            reverse("workstreams:news-edit", args=[slug, post.pk]),
            {"title": "Corrected", "body": "Text"},
        ),
        "remove news": lambda: client.post(
            reverse("workstreams:news-remove", args=[slug, post.pk]), reason
        ),
        "view documents": lambda: client.get(reverse("workstreams:documents", args=[slug])),
        "upload document": lambda: client.post(
            reverse("workstreams:document-upload", args=[slug]),
            {"title": "Another", "file": upload("another.pdf", pdf_bytes())},
        ),
        "download public document": lambda: client.get(
            reverse("workstreams:document-download", args=[slug, public.pk])
        ),
        "download private document": lambda: client.get(
            reverse("workstreams:document-download", args=[slug, private.pk])
        ),
        "remove document": lambda: client.post(
            reverse("workstreams:document-remove", args=[slug, public.pk]), reason
        ),
    }[action]()


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_R_DC_7_space_permission_matrix(request, client, bpf_a, space, action, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = _request(client, action, bpf_a, space)
    if expected == OK:
        assert response.status_code in {200, 302}, response.status_code
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    elif expected == LOGIN:
        assert response.status_code == 302
        assert "login" in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ["bpf_a_coordinator", "bpf_b_coordinator", "outsider"])
def test_R_DC_7_a_coordinator_cannot_reach_another_workstreams_rows_through_their_own(
    request, client, bpf_b, space, role
):
    """Tenant first: BPF A's post and documents are not found under BPF B's address."""
    client.force_login(request.getfixturevalue(role))
    slug = bpf_b.slug
    urls = [
        reverse("workstreams:news-edit", args=[slug, space["post"].pk]),
        reverse("workstreams:news-remove", args=[slug, space["post"].pk]),
        reverse("workstreams:document-download", args=[slug, space["public"].pk]),
        reverse("workstreams:document-remove", args=[slug, space["public"].pk]),
    ]
    for url in urls:
        assert client.post(url, {"reason": "x", "title": "x", "body": "x"}).status_code in {
            403,
            404,
        }
    assert NewsPost.objects.published().count() == 1
    assert Document.objects.current().count() == 2


def test_a_proposed_workstreams_space_is_private_to_its_people(
    client, dc_proposed, dc_coordinator, outsider
):
    post = spaces.post_news(workstream=dc_proposed, actor=dc_coordinator, title="Hi", body="x")
    document = spaces.upload_document(
        workstream=dc_proposed,
        actor=dc_coordinator,
        title="Charter",
        uploaded_file=upload("charter.pdf", pdf_bytes()),
    )
    urls = [
        reverse("workstreams:news", args=[dc_proposed.slug]),
        reverse("workstreams:documents", args=[dc_proposed.slug]),
        reverse("workstreams:document-download", args=[dc_proposed.slug, document.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(dc_coordinator)
    assert post.title in client.get(urls[0]).content.decode()
    assert client.get(urls[2]).status_code == 200


def test_downloads_stream_from_storage_with_safe_headers(client, bpf_a, space, bpf_a_member):
    response = client.get(
        reverse("workstreams:document-download", args=[bpf_a.slug, space["public"].pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="public-report.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(bpf_a_member)
    image = client.get(
        reverse("workstreams:document-download", args=[bpf_a.slug, space["private"].pk])
    )
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline;")
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in image["Cache-Control"]


def test_the_library_never_links_to_media_url(client, bpf_a, space, bpf_a_member, settings):
    client.force_login(bpf_a_member)
    page = client.get(reverse("workstreams:documents", args=[bpf_a.slug])).content.decode()
    assert "Private logo" in page and "Public report" in page
    assert settings.MEDIA_URL not in page
    client.logout()
    page = client.get(reverse("workstreams:documents", args=[bpf_a.slug])).content.decode()
    assert "Public report" in page
    assert "Private logo" not in page
