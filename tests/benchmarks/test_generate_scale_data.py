"""`manage.py generate_scale_data` (issue 9): the small size makes what it promises, refuses a
second run without --reset, --reset removes only what it made, and the benchmark's pages
answer 200."""

import json
import re
from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from benchmarks.models import ScaleDataset
from benchmarks.scale import SIZES
from consultations.models import Comment, Paragraph
from consultations.services import comment_window
from mag.models import AgendaItem, MagTerm
from timelines.models import ActionItem, Notification
from timelines.reminders import collect_action_item_deadlines
from workstreams.models import IgfCycle, Workstream

from ..factories import UserFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

SMALL = SIZES["small"]
COUNT_LINE = re.compile(r"^  (?P<label>\w+\.\w+)\s+(?P<n>[\d,]+)$")


def generate(tmp_path, *options):
    out = StringIO()
    manifest = tmp_path / "manifest.json"
    call_command(
        "generate_scale_data", "--size", "small", "--manifest", str(manifest), *options, stdout=out
    )
    return out.getvalue(), json.loads(manifest.read_text())


def printed_counts(output):
    """{model label: rows} from the "Rows made, per model" part of the output."""
    section = output.split("Rows made, per model:", 1)[1].split("Action items", 1)[0]
    counts = {}
    for line in section.splitlines():
        found = COUNT_LINE.match(line)
        if found:
            counts[found["label"]] = int(found["n"].replace(",", ""))
    return counts


def fingerprint():
    """The generated data without primary keys or dates: equal for equal data."""
    people = list(
        User.objects.filter(email__endswith="@scale.example")
        .order_by("email")
        .values_list(
            "email", "profile__display_name", "profile__country", "profile__stakeholder_group"
        )
    )
    workstreams = list(
        Workstream.objects.filter(slug__startswith="scale-")
        .order_by("slug", "memberships__user__email")
        .values_list("slug", "name", "status", "un_regional_group", "memberships__user__email")
    )
    comments = list(
        Comment.objects.order_by("paragraph__number", "body", "author__email").values_list(
            "paragraph__number", "author__email", "body", "status"
        )
    )
    return people, workstreams, comments


def test_small_size_makes_the_counts_it_prints(tmp_path):
    output, manifest = generate(tmp_path)

    counts = printed_counts(output)
    assert counts == manifest["counts"]
    assert {label: apps.get_model(label).objects.count() for label in counts} == counts
    # The promised shape at about 1/50 of the large size.
    assert counts["accounts.User"] == counts["accounts.Profile"] == SMALL.people == 1_000
    assert counts["account.EmailAddress"] == SMALL.people
    assert counts["workstreams.Workstream"] == SMALL.nris + SMALL.dcs + SMALL.bpfs + SMALL.pns
    assert Workstream.objects.filter(kind="nri", status="active").count() == SMALL.nris
    assert counts["workstreams.IgfCycle"] == SMALL.cycles
    assert counts["consultations.Paragraph"] == SMALL.paragraphs == 10
    assert counts["consultations.Comment"] == SMALL.comments == 300
    assert counts["timelines.ActionItem"] == SMALL.action_items == 2_000
    assert counts["mag.MagTerm"] == SMALL.mag_members
    assert counts["mag.AgendaItem"] == manifest["mag"]["agenda_items"] == SMALL.agenda_items
    assert ScaleDataset.objects.get().counts == counts


def test_small_size_data_is_what_the_benchmark_needs(tmp_path):
    _output, manifest = generate(tmp_path)
    now = timezone.now()

    # Every open action item has its reminder due now (R-TL-2): the job selects all of them.
    due = {
        occasion.subject for batch in collect_action_item_deadlines(now, 500) for occasion in batch
    }
    assert len(due) == ActionItem.objects.open().count() == SMALL.action_items
    assert manifest["reminders"]["action_items_due_today"] == SMALL.action_items
    # The draft's comment window is open now (R-CON-2), its paragraph counts are the visible
    # comments, and every commenter has a verified address.
    paragraph = Paragraph.objects.select_related("draft__consultation").first()
    assert comment_window(paragraph.draft, now) is not None
    assert sum(Paragraph.objects.values_list("comment_count", flat=True)) == (
        Comment.objects.visible().count()
    )
    assert Comment.objects.filter(status="hidden").exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    commenters = Comment.objects.values("author")
    assert not EmailAddress.objects.filter(user__in=commenters, verified=False).exists()
    assert EmailAddress.objects.filter(user__in=commenters).count() == commenters.distinct().count()
    # A current MAG whose members hold duties; an agenda with numbered items and sub-items.
    assert MagTerm.objects.current().count() == SMALL.mag_members
    assert AgendaItem.objects.filter(parent__isnull=False).exists()
    # Only the benchmark's MAG member can sign in; nothing was sent or notified.
    usable = [user.email for user in User.objects.all() if user.has_usable_password()]
    assert usable == [manifest["sign_in"]["email"]]
    assert MagTerm.objects.filter(user__email=manifest["sign_in"]["email"]).exists()
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_second_run_is_refused_and_reset_replaces_only_generated_data(tmp_path):
    # Rows that are not generated: a person, a workstream and this year's cycle (reused).
    bystander = UserFactory(email="bystander@example.org")
    demo_workstream = WorkstreamFactory(slug="demo-bpf", name="Demo BPF")
    this_year = IgfCycle.objects.create(year=timezone.now().year, host_city="Demo City")
    _output, first = generate(tmp_path)
    before = fingerprint()
    assert first["counts"]["workstreams.IgfCycle"] == SMALL.cycles - 1

    with pytest.raises(CommandError, match="already holds generated scale data.*--reset"):
        generate(tmp_path)
    assert User.objects.filter(email__endswith="@scale.example").count() == SMALL.people

    output, second = generate(tmp_path, "--reset")
    assert "Deleting the generated data already there" in output
    assert second["counts"] == first["counts"]
    # The bystander, their profile, the demo workstream and this year's cycle.
    labels = ["accounts.User", "accounts.Profile", "workstreams.Workstream", "workstreams.IgfCycle"]
    not_generated = Counter(labels)
    assert {label: apps.get_model(label).objects.count() for label in second["counts"]} == {
        label: n + not_generated[label] for label, n in second["counts"].items()
    }
    # Deterministic: the same people, workstreams and comments again.
    assert fingerprint() == before
    # Rows it did not make are untouched.
    assert User.objects.filter(pk=bystander.pk).exists()
    assert Workstream.objects.filter(pk=demo_workstream.pk).exists()
    this_year.refresh_from_db()
    assert this_year.host_city == "Demo City"
    assert ScaleDataset.objects.count() == 1


def test_manifest_pages_answer_200(tmp_path, client):
    _output, manifest = generate(tmp_path)
    assert [page["name"] for page in manifest["pages"]] == [
        "home",
        "directory",
        "workstream",
        "draft",
        "mag_dashboard",
        "agenda",
        "api",
    ]
    signed_in = type(client)()
    assert signed_in.login(
        email=manifest["sign_in"]["email"], password=manifest["sign_in"]["password"]
    )
    for page in manifest["pages"]:
        response = (signed_in if page["sign_in"] else client).get(page["path"])
        assert response.status_code == page["expect"] == 200, page
    draft = client.get(next(page["path"] for page in manifest["pages"] if page["name"] == "draft"))
    assert f"{manifest['consultation']['visible_comments']} comments" in draft.content.decode()
    dashboard = signed_in.get("/mag/duties/mine/")
    assert "BPF facilitator" in dashboard.content.decode()
