"""Demo news posts and documents for workstream spaces (idempotent; called by seed_demo).

Everything goes through workstreams.spaces as the workstream's own coordinator would (R-DC-7),
so uploads pass the same content checks as real ones. People and organisations are fictional.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from workstreams import spaces
from workstreams.models import Document, NewsPost

# (workstream slug, author email, title, text)
NEWS = [
    (
        "bpf-cybersecurity",
        "bpf-coordinator@example.org",
        "Call for contributions on international cybersecurity agreements",
        "We are collecting experiences with international cybersecurity agreements.\n"
        "Send your contribution through the mailing list before the next open call.",
    ),
    (
        "bpf-cybersecurity",
        "bpf-coordinator@example.org",
        "Next virtual meeting",
        "Our next open virtual meeting discusses the first draft of the output report.\n"
        "Everyone is welcome; the agenda is on the timeline.",
    ),
    (
        "dc-internet-rights-principles",
        "dc-coordinator@example.org",
        "Translations of the Charter wanted",
        "We welcome volunteers to review translations of the Charter of Human Rights and "
        "Principles for the Internet.",
    ),
    (
        "pn-meaningful-access",
        "abdiel.sarmiento@example.org",
        "Working group meets monthly",
        "The multistakeholder working group meets online once a month; observers are welcome.",
    ),
]

# (workstream slug, uploader email, title, file name, builder, public)
DOCUMENTS = [
    (
        "bpf-cybersecurity",
        "bpf-coordinator@example.org",
        "Output report outline (draft)",
        "output-report-outline.pdf",
        "pdf",
        True,
    ),
    (
        "bpf-cybersecurity",
        "bpf-coordinator@example.org",
        "Contributors list (working copy)",
        "contributors.csv",
        "csv",
        False,
    ),
    (
        "dc-internet-rights-principles",
        "dc-coordinator@example.org",
        "Meeting notes",
        "meeting-notes.txt",
        "txt",
        True,
    ),
]


def _content(builder, title):
    if builder == "pdf":
        import weasyprint

        html = f"<h1>{title}</h1><p>Demo document of the IGF portal.</p>"
        return weasyprint.HTML(string=html).write_pdf()
    if builder == "csv":
        return b"name,organisation,stakeholder group\nDemo person,Example Org,Civil society\n"
    return f"{title}\n\nDemo notes of an open call.\n".encode()


def seed(*, secretariat, people, workstreams, stdout):
    """Add the demo news and documents that are not there yet; returns (news, documents)."""
    news = documents = 0
    for slug, email, title, body in NEWS:
        workstream, author = workstreams.get(slug), people.get(email, secretariat)
        if workstream is None or NewsPost.objects.filter(workstream=workstream, title=title):
            continue
        spaces.post_news(workstream=workstream, actor=author, title=title, body=body)
        news += 1
    for slug, email, title, filename, builder, public in DOCUMENTS:
        workstream, uploader = workstreams.get(slug), people.get(email, secretariat)
        if workstream is None or Document.objects.filter(workstream=workstream, title=title):
            continue
        spaces.upload_document(
            workstream=workstream,
            actor=uploader,
            title=title,
            uploaded_file=SimpleUploadedFile(filename, _content(builder, title)),
            is_public=public,
        )
        documents += 1
    stdout.write(f"  {'news posts:':<18} {news:>3} created")
    stdout.write(f"  {'documents:':<18} {documents:>3} created")
    return news, documents
