"""The document library checks uploads by size and by CONTENT, never only by name (R-DC-7:
coordinators keep their own library). Sample files are built here, real and small."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.exceptions import DomainError
from workstreams import spaces
from workstreams.models import Document


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# ---- Small real files ------------------------------------------------------------------------


def pdf_bytes():
    import weasyprint

    return weasyprint.HTML(string="<h1>Output report</h1><p>Draft.</p>").write_pdf()


def png_bytes():
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document><w:body/></w:document>")
    return buffer.getvalue()


def odf_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored first, uncompressed
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _refusal(name, content):
    with pytest.raises(DomainError) as caught:
        spaces.validate_upload(upload(name, content), name)
    return " ".join(caught.value.messages)


# ---- Accepted --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("report.pdf", pdf_bytes, "application/pdf"),
        ("logo.png", png_bytes, "image/png"),
        ("notes.docx", docx_bytes, spaces.DOCX.content_type),
        ("notes.odt", odf_bytes, spaces.ODT.content_type),
        (
            "table.ods",
            lambda: odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
            spaces.ODS.content_type,
        ),
        ("minutes.txt", lambda: "Minutes of the call\nÉquipe".encode(), "text/plain"),
        ("list.csv", lambda: b"name,country\nA,BR\n", "text/csv"),
    ],
)
def test_R_DC_7_accepted_types_are_recognised_by_their_content(name, make, content_type):
    kind, _extension = spaces.validate_upload(upload(name, make()), name)
    assert spaces.content_type_for(kind, _extension).startswith(content_type)


def test_R_DC_7_a_coordinator_uploads_a_real_pdf_and_it_is_stored_through_the_storage_api(
    client, bpf_a, bpf_a_coordinator, media_root
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:document-upload", args=[bpf_a.slug]),
        {"title": "Output report", "file": upload("../../Output Report (final).PDF", pdf_bytes())},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == "application/pdf"
    assert document.uploaded_by == bpf_a_coordinator
    # Sanitised: no path from the client, a plain name, the validated extension.
    assert document.file.name == f"workstreams/{bpf_a.pk}/documents/output-report-final.pdf"
    assert (media_root / document.file.name).read_bytes().startswith(b"%PDF")


def test_a_docx_built_with_zipfile_is_accepted_as_a_word_document(client, bpf_a, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:document-upload", args=[bpf_a.slug]),
        {"title": "Notes", "file": upload("notes.docx", docx_bytes()), "is_public": "on"},
    )
    assert response.status_code == 302
    assert Document.objects.get().content_type == spaces.DOCX.content_type


# ---- Refused ---------------------------------------------------------------------------------


def test_a_png_renamed_pdf_is_refused_with_a_message_naming_both(client, bpf_a, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:document-upload", args=[bpf_a.slug]),
        {"title": "Sneaky", "file": upload("report.pdf", png_bytes(), "application/pdf")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ends in .pdf but its content is a PNG image" in page
    assert 'value="Sneaky"' in page  # nothing typed is lost
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', ".svg are not accepted"),
        ("page.html", b"<html><script>alert(1)</script></html>", ".html are not accepted"),
        ("drawing.txt", b'<?xml version="1.0"?><svg><script/></svg>', "SVG or HTML markup"),
        ("page.txt", b"  <!DOCTYPE html><p>hi</p>", "SVG or HTML markup"),
        ("data.txt", b"text\x00with a NUL", "NUL bytes"),
        ("data.csv", b"\xff\xfe\x00bad", "NUL bytes"),
        ("latin.txt", "Café".encode("latin-1"), "not UTF-8"),
        ("report.pdf", b"just some text pretending", "ends in .pdf but its content is plain text"),
        ("archive.docx", b"PK\x03\x04not really a zip", "damaged ZIP"),
        ("sheet.xlsx", docx_bytes(), "ends in .xlsx but its content is a Word document"),
        ("notes.odt", odf_bytes("application/vnd.oasis.opendocument.spreadsheet"), "ODS"),
        ("anim.png", b"GIF89a" + b"\x00" * 20, "image/gif"),
        ("program", b"MZ\x90\x00", "no extension"),
        ("setup.exe", b"MZ\x90\x00", ".exe are not accepted"),
    ],
)
def test_content_or_name_outside_the_accepted_types_is_refused(name, content, expected):
    assert expected in _refusal(name, content)


def test_an_eleven_megabyte_file_is_refused_with_a_message_naming_the_limit(
    client, bpf_a, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    big = b"a" * (11 * 1024 * 1024)
    response = client.post(
        reverse("workstreams:document-upload", args=[bpf_a.slug]),
        {"title": "Too big", "file": upload("big.txt", big, "text/plain")},
    )
    assert response.status_code == 400
    assert "the limit is 10.0\xa0MB" in response.content.decode()
    assert not Document.objects.exists()


def test_the_size_limit_is_a_setting(settings):
    settings.DOCUMENT_MAX_BYTES = 100
    assert "the limit is 100\xa0bytes" in _refusal("a.txt", b"a" * 101)


def test_an_empty_file_is_refused():
    assert "empty" in _refusal("a.txt", b"")
