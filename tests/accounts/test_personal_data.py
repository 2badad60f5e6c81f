"""A person's own data: the JSON download and closing the account (issue 8, "Your data").

The download holds every record that names the person and no secret; closing anonymises
them, keeps their comments in the consultation record, and records the closure.
"""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.exceptions import DomainError
from accounts.models import AccountClosure, User
from accounts.personal_data import close_account, user_relations
from api.models import ApiToken
from consultations import services as consultation_services
from consultations.models import Comment
from tests.consultations import conftest as consultation_fixtures
from tests.factories import PASSWORD, UserFactory
from timelines.models import Follow, Notification
from timelines.services import follow_workstream
from workstreams.models import Membership, WorkstreamEvent

# The consultations' fixtures (an open draft of bpf_a and a verified commenter), shared.
consultation = consultation_fixtures.consultation
draft = consultation_fixtures.draft
window = consultation_fixtures.window
open_draft = consultation_fixtures.open_draft
commenter = consultation_fixtures.commenter
verified = consultation_fixtures.verified


@pytest.fixture
def active_commenter(open_draft, commenter, bpf_a):
    paragraph = open_draft.paragraphs.get(number=2)
    consultation_services.post_comment(
        paragraph=paragraph,
        actor=commenter,
        body="Community networks need spectrum set aside for them.",
        named_in_output=True,
    )
    Membership.objects.create(workstream=bpf_a, user=commenter, role=Membership.Role.MEMBER)
    follow_workstream(user=commenter, workstream=bpf_a)
    ApiToken.issue(user=commenter, name="My script")
    return commenter


def test_the_download_holds_every_record_naming_the_person_and_no_secret(
    client, active_commenter, second_person
):
    client.force_login(active_commenter)
    response = client.get(reverse("accounts:your-data-download"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "commenter@example.org"
    assert data["profile"]["display_name"] == "Cleo Commenter"
    comments = data["records"]["consultations.Comment.author"]
    assert [c["body"] for c in comments] == ["Community networks need spectrum set aside for them."]
    assert data["records"]["workstreams.Membership.user"][0]["role"] == "member"
    assert len(data["records"]["timelines.Follow.user"]) == 1
    assert data["records"]["api.ApiToken.user"][0]["name"] == "My script"
    text = response.content.decode()
    # No secret: neither the password hash nor a token's hash; nobody else's comment.
    assert active_commenter.password not in text
    assert ApiToken.objects.get(user=active_commenter).key_hash not in text
    assert "Someone else's remark" not in text
    assert "second@example.org" not in text


def test_what_a_person_did_to_others_rows_is_listed_without_their_data(
    client, secretariat, second_person, open_draft
):
    """The Secretariat recorded a nomination (with the nominee's unpublished address), hid a
    comment and closed someone's account: its export says it did so, and when, but holds
    neither the nominee's address, the hidden comment nor the closed account's reason."""
    from mag import nominations
    from tests.factories import IgfCycleFactory, stakeholder_group

    cycle = IgfCycleFactory(year=2031)
    nominations.add_nomination(
        actor=secretariat,
        cycle=cycle,
        name="Nia Nominee",
        email="nia.private@example.org",
        organisation="Example Org",
        stakeholder_group=stakeholder_group("civil-society"),
        country="KE",
        gender="woman",
        biography="Works on access.",
        publish_listing=False,
        public_fields=[],
    )
    comment = Comment.objects.get(author=second_person)
    consultation_services.hide_comment(
        comment=comment, actor=secretariat, reason="Off topic for this draft"
    )
    close_account(user=second_person, actor=secretariat, reason="Asked us by letter")

    client.force_login(secretariat)
    data = json.loads(client.get(reverse("accounts:your-data-download")).content)
    text = json.dumps(data, ensure_ascii=False)
    assert "nia.private@example.org" not in text and "Works on access." not in text
    assert "Someone else's remark" not in text
    assert "Asked us by letter" not in text
    assert data["actions"]["mag.Nomination.created_by"][0]["id"]
    assert data["actions"]["consultations.Comment.hidden_by"] == [
        {"id": comment.pk, "at": data["actions"]["consultations.Comment.hidden_by"][0]["at"]}
    ]
    assert "accounts.AccountClosure.closed_by" in data["actions"]


@pytest.fixture
def second_person(open_draft):
    other = verified(UserFactory(email="second@example.org", display_name="Sol Second"))
    consultation_services.post_comment(
        paragraph=open_draft.paragraphs.get(number=3), actor=other, body="Someone else's remark"
    )
    return other


def test_the_export_walks_every_relation_to_people_that_any_app_defines():
    labels = {f"{model._meta.label}.{field.name}" for model, field in user_relations()}
    # A sample across apps: the walk is generic, so a model added later is exported too.
    for label in (
        "consultations.Comment.author",
        "consultations.Contribution.author",
        "mag.MagTerm.user",
        "mag.MeetingRegistration.user",
        "workstreams.Membership.user",
        "timelines.Notification.recipient",
        "api.ApiToken.user",
        "mag.BpfProposal.proposers",
    ):
        assert label in labels


def test_signed_out_visitors_get_the_sign_in_page_not_data(client):
    response = client.get(reverse("accounts:your-data-download"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_closing_keeps_comments_anonymised_removes_personal_rows_and_records_it(
    client, active_commenter, open_draft
):
    comment = Comment.objects.get(author=active_commenter)
    client.force_login(active_commenter)

    response = client.post(
        reverse("accounts:close-account"),
        {"password": PASSWORD, "reason": "Moving on", "confirm": "on"},
        follow=True,
    )

    assert "Your account is closed" in response.content.decode()
    user = User.objects.get(pk=active_commenter.pk)
    assert not user.is_active and user.closed_at is not None
    assert "commenter@example.org" not in user.email
    assert not user.has_usable_password()
    assert user.public_name == "Former participant"
    # The comment stays in the record, unnamed in outputs.
    comment.refresh_from_db()
    assert comment.author_id == user.pk and not comment.named_in_output
    assert not Follow.objects.filter(user=user).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not Membership.objects.active().filter(user=user).exists()
    assert WorkstreamEvent.objects.filter(
        subject_user=user, verb=WorkstreamEvent.Verb.LEFT, details__account_closed=True
    ).exists()
    closure = AccountClosure.objects.get(user=user)
    assert closure.by_themselves and closure.reason == "Moving on"
    assert closure.removed["timelines.Follow"] == 1
    assert closure.kept["consultations.Comment"] == 1
    # The draft page still shows the comment, by a former participant, and no old name.
    page = client.get(
        reverse("consultations:draft", args=[open_draft.consultation.slug, open_draft.version])
    ).content.decode()
    assert comment.body in page
    assert "Cleo Commenter" not in page
    # Signing in again is impossible.
    assert not client.login(email="commenter@example.org", password=PASSWORD)


def test_moderators_see_a_closed_accounts_comment_as_a_former_participants(
    client, active_commenter, open_draft, bpf_a_coordinator
):
    close_account(user=active_commenter, actor=active_commenter)
    client.force_login(bpf_a_coordinator)
    comment = Comment.objects.get(author=active_commenter)
    page = client.get(
        reverse(
            "consultations:draft",
            args=[open_draft.consultation.slug, open_draft.version],
        )
    ).content.decode()
    assert comment.body in page
    assert "Former participant" in page
    assert "Cleo Commenter" not in page


def test_a_wrong_password_is_named_and_the_reason_typed_is_kept(client, active_commenter):
    client.force_login(active_commenter)
    response = client.post(
        reverse("accounts:close-account"),
        {"password": "not it", "reason": "My long reason", "confirm": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This is not your current password." in body
    assert "My long reason" in body
    assert User.objects.get(pk=active_commenter.pk).is_active


def test_the_only_coordinator_hands_over_before_closing(client, bpf_a, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    page = client.get(reverse("accounts:close-account")).content.decode()
    assert "only coordinator" in page and "BPF on Cybersecurity" in page
    assert 'name="password"' not in page
    with pytest.raises(DomainError) as refused:
        close_account(user=bpf_a_coordinator, actor=bpf_a_coordinator)
    assert "BPF on Cybersecurity" in str(refused.value)
    assert User.objects.get(pk=bpf_a_coordinator.pk).is_active


def test_closing_deletes_notifications_but_never_a_workstream_record(
    active_commenter, bpf_a, secretariat
):
    from timelines.services import create_milestone

    create_milestone(
        workstream=bpf_a,
        actor=secretariat,
        title="Kick-off call",
        start=timezone.localdate() + dt.timedelta(days=20),
    )
    assert Notification.objects.filter(recipient=active_commenter).exists()  # a follower's
    events_before = WorkstreamEvent.objects.count()
    close_account(user=active_commenter, actor=secretariat, reason="Asked by email")
    closure = AccountClosure.objects.get(user=active_commenter)
    assert not closure.by_themselves and closure.closed_by == secretariat
    assert not Notification.objects.filter(recipient=active_commenter).exists()
    # One more event (the membership ended), none removed.
    assert WorkstreamEvent.objects.count() == events_before + 1


def test_closing_ends_liaison_duties_and_editorial_groups_and_stops_reminders(
    secretariat, bpf_a, open_draft
):
    from consultations.models import Editor
    from mag import services as mag_services
    from mag.models import LiaisonAssignment, MagEvent
    from tests.factories import IgfCycleFactory, stakeholder_group
    from timelines.services import collect_due_reminders, create_action_item

    member = verified(UserFactory(email="liaison@example.org", display_name="Lia Liaison"))
    today = timezone.localdate()
    mag_services.create_mag_term(
        actor=secretariat,
        user=member,
        cycle=IgfCycleFactory(year=today.year),
        start=today - dt.timedelta(days=10),
        end=today + dt.timedelta(days=200),
        stakeholder_group=stakeholder_group("government"),
        country="RO",
    )
    mag_services.assign_liaison(
        actor=secretariat, member=member, kind="bpf_facilitator", workstream=bpf_a, reason="x"
    )
    Editor.objects.create(
        consultation=open_draft.consultation, user=member, status=Editor.Status.APPROVED
    )
    create_action_item(
        workstream=bpf_a,
        actor=secretariat,
        action="Send the draft to the MAG",
        deadline=today + dt.timedelta(days=1),
        users=[member],
    )

    close_account(user=member, actor=member)

    duty = LiaisonAssignment.objects.get(member=member)
    assert duty.ended_at is not None and duty.end_reason == "Account closed."
    assert MagEvent.objects.filter(action="liaison_ended", subject_user=member).exists()
    assert Editor.objects.get(user=member).status == Editor.Status.LEFT
    # The item still names its actor, but no reminder goes to a closed account.
    collect_due_reminders()
    assert not Notification.objects.filter(recipient=member).exists()
