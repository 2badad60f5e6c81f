"""Hostile Markdown renders inert, through the one sanitising path (drafts, paragraphs and the
markdownx preview alike)."""

import pytest
from django.urls import reverse

from consultations import services
from consultations.markdown import render_markdown, split_paragraphs

HOSTILE = [
    "<script>alert('x')</script>Text",
    '<img src="x.png" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<iframe src="https://evil.example/"></iframe>Text',
    '<svg onload="alert(1)"><circle r="1"/></svg>Text',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">Styled</p>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<object data="x.swf"></object><embed src="x.swf">Text',
    "<math><mi>x</mi></math>Text",
]


def _inert(html):
    lowered = html.lower()
    for needle in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "data:",
        "<object",
        "<embed",
        "<math",
    ):
        assert needle not in lowered, (needle, html)


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_inert(source):
    _inert(render_markdown(source))


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_is_inert_in_every_paragraph(source):
    for block in split_paragraphs(f"# Heading\n\n{source}\n\nAfter"):
        _inert(block.html)


def test_safe_markdown_keeps_links_tables_and_emphasis():
    html = render_markdown(
        "**Bold** and [a link](https://example.org) and [mail](mailto:a@example.org)\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |"
    )
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'href="mailto:a@example.org"' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_paragraphs_have_numbered_anchors_and_headings_are_marked():
    blocks = split_paragraphs("# Title\nIntro\n\nSecond\n\n```\ncode\n\nstill code\n```\n\n## Next")
    assert [(b.number, b.anchor, b.is_heading) for b in blocks] == [
        (1, "p-1", True),
        (2, "p-2", False),
        (3, "p-3", False),
        (4, "p-4", False),
        (5, "p-5", True),
    ]
    assert "still code" in blocks[3].html


def test_R_CON_3_published_paragraphs_store_only_sanitised_html(consultation, bpf_a_coordinator):
    draft = services.create_draft(
        consultation=consultation,
        actor=bpf_a_coordinator,
        title="Hostile",
        body="\n\n".join(HOSTILE),
    )
    services.publish_draft(draft=draft, actor=bpf_a_coordinator)
    for paragraph in draft.paragraphs.all():
        _inert(paragraph.html)


def test_hostile_draft_page_renders_inert(client, consultation, bpf_a_coordinator):
    draft = services.create_draft(
        consultation=consultation,
        actor=bpf_a_coordinator,
        title="Hostile",
        body="\n\n".join(HOSTILE),
    )
    services.publish_draft(draft=draft, actor=bpf_a_coordinator)
    page = client.get(reverse("consultations:draft", args=[consultation.slug, draft.version]))
    assert page.status_code == 200
    body = page.content.decode()
    text = body.split('class="draft-text"', 1)[1]
    _inert(text.split("</main>", 1)[0])


def test_markdownx_preview_passes_through_the_same_sanitiser(client, editor, consultation):
    client.force_login(editor)
    response = client.post(
        reverse("consultations:markdownx-preview"),
        {"content": "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=a onerror=b>"},
    )
    assert response.status_code == 200
    _inert(response.content.decode())
    assert "Hi" in response.content.decode()


def test_markdownx_widget_points_at_the_wrapped_endpoints(client, editor, consultation):
    client.force_login(editor)
    page = client.get(reverse("consultations:draft-create", args=[consultation.slug]))
    html = page.content.decode()
    assert f'data-markdownx-urls-path="{reverse("consultations:markdownx-preview")}"' in html
    assert f'data-markdownx-upload-urls-path="{reverse("consultations:markdownx-upload")}"' in html


def _upload(client, name, content, content_type="image/png"):
    import io

    upload = io.BytesIO(content)
    upload.name = name
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("consultations:markdownx-upload"),
        {"image": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("drawing.svg", SVG, "image/svg+xml"),
        ("drawing.png", SVG, "image/png"),
        ("page.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("empty.png", b"", "image/png"),
    ],
)
def test_markdownx_upload_accepts_only_raster_images_by_content(
    client, editor, consultation, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = _upload(client, name, content, content_type)
    assert response.status_code == 400
    assert not any(tmp_path.rglob("*.*"))


def test_markdownx_upload_names_the_file_by_its_content_and_re_encodes_it(
    client, editor, consultation, settings, tmp_path
):
    from .test_consultation_permissions import png_bytes

    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = _upload(client, "sneaky.html", png_bytes() + b"<script>x</script>", "text/html")
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![](/media/consultations/images/") and code.endswith(".png)")
    stored = list(tmp_path.rglob("*.png"))
    assert len(stored) == 1
    assert b"<script>" not in stored[0].read_bytes()


def test_markdownx_upload_refuses_an_image_over_the_limit(
    client, editor, consultation, settings, tmp_path
):
    from .test_consultation_permissions import png_bytes

    settings.MEDIA_ROOT = tmp_path
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 100
    client.force_login(editor)
    response = _upload(client, "big.png", png_bytes() + b"\0" * 200)
    assert response.status_code == 400
    assert "too large" in response.content.decode()


@pytest.mark.parametrize(
    ("pil_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("WEBP", "webp")]
)
def test_markdownx_upload_accepts_png_jpeg_gif_and_webp(
    client, editor, consultation, settings, tmp_path, pil_format, extension
):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, pil_format)
    client.force_login(editor)
    response = _upload(client, "picture.bin", buffer.getvalue(), "application/octet-stream")
    assert response.status_code == 200, response.content
    assert response.json()["image_code"].endswith(f".{extension})")
