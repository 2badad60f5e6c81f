"""The workstream's public page (R-BPF-6 [display]) and hostile input to its space."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from tests.factories import UserFactory, stakeholder_group
from tests.workstreams.test_spaces_uploads import pdf_bytes, upload
from timelines.models import ActionItem
from workstreams import spaces
from workstreams.models import Membership


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_R_BPF_6_a_bpf_page_shows_its_methodology_as_how_we_work(client, bpf_a):
    bpf_a.methodology = "Monthly open calls\nand a public survey."
    bpf_a.save()
    page = client.get(reverse("workstreams:detail", args=[bpf_a.slug])).content.decode()
    assert "How we work" in page
    assert "Monthly open calls<br>and a public survey." in page


def test_R_BPF_6_a_bpf_without_a_methodology_says_so(client, bpf_a):
    page = client.get(reverse("workstreams:detail", args=[bpf_a.slug])).content.decode()
    assert "How we work" in page
    assert "The methodology has not been described yet." in page


def test_the_public_page_shows_only_what_people_made_public_and_never_emails(
    client, bpf_a, bpf_a_coordinator, bpf_a_member, bpf_a_observer
):
    Profile.objects.filter(user=bpf_a_coordinator).update(
        organisation="Open Org",
        public_organisation=True,
        stakeholder_group=stakeholder_group("civil-society"),
        public_stakeholder_group=False,
        country="KE",
        public_country=True,
        gender="woman",
        public_gender=False,
    )
    Profile.objects.filter(user=bpf_a_member).update(
        organisation="Hidden Org", public_organisation=False
    )
    page = client.get(reverse("workstreams:detail", args=[bpf_a.slug])).content.decode()
    assert "Ada Coordinator" in page and "Ama Member" in page
    assert "Open Org" in page and "Kenya" in page
    assert "Hidden Org" not in page
    assert "Civil society" not in page and "Woman" not in page
    assert "Obi Observer" not in page  # observers are not listed as people of the workstream
    for person in (bpf_a_coordinator, bpf_a_member, bpf_a_observer):
        assert person.email not in page
    assert "@example.org" not in page.replace(bpf_a.mailing_list, "")


def test_the_public_page_shows_counts_news_documents_and_list_links(
    client, bpf_a, bpf_a_coordinator, secretariat
):
    bpf_a.archive_url = "https://lists.example.org/archive/bpf"
    bpf_a.save()
    today = bpf_a.today()
    ActionItem.objects.create(workstream=bpf_a, action="Draft", deadline=today - dt.timedelta(1))
    ActionItem.objects.create(workstream=bpf_a, action="Send", deadline=today + dt.timedelta(9))
    for number in range(4):
        spaces.post_news(
            workstream=bpf_a, actor=bpf_a_coordinator, title=f"Update {number}", body="x"
        )
    spaces.upload_document(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Public report",
        uploaded_file=upload("report.pdf", pdf_bytes()),
    )
    spaces.upload_document(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Internal notes",
        uploaded_file=upload("notes.txt", b"internal"),
        is_public=False,
    )
    page = client.get(reverse("workstreams:detail", args=[bpf_a.slug])).content.decode()
    assert "2 open action items" in page and "1 overdue" in page
    assert reverse("workstreams:action-items", args=[bpf_a.slug]) in page
    assert reverse("workstreams:timeline", args=[bpf_a.slug]) in page
    assert "Update 3" in page and "Update 1" in page and "Update 0" not in page  # latest 3
    assert "Public report" in page and "Internal notes" not in page
    assert f"mailto:{bpf_a.mailing_list}" in page
    assert "https://lists.example.org/archive/bpf" in page
    assert "Join this workstream" not in page  # anonymous: sign in first
    assert "Sign in to join" in page


def test_join_and_leave_stay_on_the_page(client, bpf_a, outsider):
    client.force_login(outsider)
    url = reverse("workstreams:detail", args=[bpf_a.slug])
    assert "Join this workstream" in client.get(url).content.decode()
    client.post(reverse("workstreams:join", args=[bpf_a.slug]))
    assert "Leave this workstream" in client.get(url).content.decode()


def _fill(workstream, coordinator, count, start):
    for number in range(start, start + count):
        user = UserFactory(email=f"p{number}@example.org")
        Profile.objects.filter(user=user).update(
            stakeholder_group=stakeholder_group("technical-community"), country="BR"
        )
        Membership.objects.create(workstream=workstream, user=user, role=Membership.Role.MEMBER)
        spaces.post_news(workstream=workstream, actor=coordinator, title=f"N{number}", body="x")
        spaces.upload_document(
            workstream=workstream,
            actor=coordinator,
            title=f"D{number}",
            uploaded_file=upload(f"d{number}.txt", b"text"),
        )


def _queries(client, url):
    client.get(url)  # the first request of a session stores its time zone: not what is measured
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["anonymous", "bpf_a_coordinator"])
@pytest.mark.parametrize("page", ["detail", "news", "documents"])
def test_space_pages_run_a_bounded_number_of_queries(
    request, client, bpf_a, bpf_a_coordinator, viewer, page
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    url = reverse(f"workstreams:{page}", args=[bpf_a.slug])
    _fill(bpf_a, bpf_a_coordinator, 2, 0)
    small = _queries(client, url)
    _fill(bpf_a, bpf_a_coordinator, 20, 100)
    large = _queries(client, url)
    assert large == small
    assert large <= 20


NASTY = ["\x00", "a" * 100_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 50, "%s%n"]


@pytest.mark.parametrize("value", NASTY)
def test_hostile_input_to_the_space_never_causes_a_server_error(
    client, bpf_a, bpf_a_coordinator, value
):
    post = spaces.post_news(workstream=bpf_a, actor=bpf_a_coordinator, title="T", body="B")
    document = spaces.upload_document(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Doc",
        uploaded_file=upload("doc.txt", b"text"),
    )
    client.force_login(bpf_a_coordinator)
    slug = bpf_a.slug
    posts = [
        (reverse("workstreams:news-create", args=[slug]), {"title": value, "body": value}),
        (reverse("workstreams:news-edit", args=[slug, post.pk]), {"title": value, "body": value}),
        (reverse("workstreams:news-remove", args=[slug, post.pk]), {"reason": value}),
        (
            reverse("workstreams:document-upload", args=[slug]),
            {"title": value, "is_public": value, "file": upload("a.txt", value.encode())},
        ),
        (
            reverse("workstreams:document-upload", args=[slug]),
            {"title": "ok", "file": upload(value[:200] + ".txt", b"fine")},
        ),
        (reverse("workstreams:document-upload", args=[slug]), {"title": "ok", "file": value}),
        (reverse("workstreams:document-remove", args=[slug, document.pk]), {"reason": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in {200, 302, 400}, (url, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode()
    for name in ("news", "documents"):
        response = client.get(reverse(f"workstreams:{name}", args=[slug]), {"page": value})
        assert response.status_code in {200, 404}


def test_services_refuse_empty_and_oversized_news(bpf_a, bpf_a_coordinator):
    from accounts.exceptions import DomainError

    with pytest.raises(DomainError, match="Give the title"):
        spaces.post_news(workstream=bpf_a, actor=bpf_a_coordinator, title=" \x00 ", body="x")
    with pytest.raises(DomainError, match="too long"):
        spaces.post_news(workstream=bpf_a, actor=bpf_a_coordinator, title="T", body="a" * 30_000)
