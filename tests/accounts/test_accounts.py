import datetime as dt

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.exceptions import DomainError
from accounts.models import Profile, SiteRole, StakeholderGroup
from accounts.permissions import is_secretariat
from accounts.regions import (
    default_developing_countries,
    regional_group_for,
    regional_groups_version,
)
from tests.factories import PASSWORD, UserFactory
from workstreams import services as workstream_services

PROFILE_FORM = {
    "display_name": "Amina Example",
    "organisation": "Example University",
    "stakeholder_group": "",
    "country": "SN",
    "time_zone": "Africa/Dakar",
    "gender": "",
    "gender_self_description": "",
    "public_organisation": "on",
    "public_stakeholder_group": "on",
    "public_country": "on",
}


def test_the_six_stakeholder_groups_are_data_the_secretariat_can_change(db):
    names = list(StakeholderGroup.objects.active().values_list("name", flat=True))
    assert names == [
        "Government",
        "Private sector",
        "Civil society",
        "Technical community",
        "Academic community",
        "Intergovernmental organisation",
    ]


@pytest.mark.parametrize(
    "country,group",
    [
        ("SN", "AFRICAN"),
        ("JP", "ASIA_PACIFIC"),
        ("PL", "EASTERN_EUROPEAN"),
        ("BR", "GRULAC"),
        ("DE", "WEOG"),
        ("US", "WEOG"),
        ("XK", ""),
        ("", ""),
    ],
)
def test_un_regional_group_is_derived_from_the_country_by_versioned_data(country, group):
    assert regional_group_for(country) == group
    assert regional_groups_version()


def test_developing_country_defaults_ship_as_data():
    developing = default_developing_countries()
    assert {"SN", "BR", "IN"} <= developing
    assert not {"DE", "JP", "US"} & developing


def test_saving_the_profile_derives_the_regional_group_and_shows_times_in_its_zone(
    client, outsider
):
    client.force_login(outsider)
    response = client.post(reverse("accounts:profile-edit"), PROFILE_FORM)
    assert response.status_code == 302
    profile = Profile.objects.get(user=outsider)
    assert (profile.country.code, profile.un_regional_group, profile.time_zone) == (
        "SN",
        "AFRICAN",
        "Africa/Dakar",
    )


def test_dates_are_shown_in_the_readers_time_zone(client, secretariat, bpf_a):
    Profile.objects.filter(user=secretariat).update(time_zone="Asia/Tokyo")
    with time_machine.travel(dt.datetime(2026, 3, 26, 23, 30, tzinfo=dt.UTC), tick=False):
        workstream_services.apply_transition(
            workstream=bpf_a, action="deactivate", actor=secretariat, reason="Quiet"
        )
    client.force_login(secretariat)
    page = client.get(reverse("workstreams:history", args=[bpf_a.slug])).content.decode()
    assert "27 Mar 2026, 08:30 JST" in page


def test_self_described_gender_needs_words_and_keeps_the_rest_of_the_form(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("accounts:profile-edit"), {**PROFILE_FORM, "gender": "self_described"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Describe your gender, or choose another option." in page
    assert 'value="Example University"' in page
    assert Profile.objects.get(user=outsider).organisation == ""


def test_an_unknown_time_zone_is_refused_by_name(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("accounts:profile-edit"), {**PROFILE_FORM, "time_zone": "Mars/Olympus"}
    )
    assert (
        "Select a valid choice. Mars/Olympus is not one of the available choices."
        in response.content.decode()
    )


def test_the_public_profile_shows_only_what_the_person_chose_and_never_the_email(client, outsider):
    profile = outsider.profile
    profile.organisation = "Hidden Org"
    profile.public_organisation = False
    profile.country = "BR"
    profile.gender = Profile.Gender.SELF_DESCRIBED
    profile.gender_self_description = "Two-spirit"
    profile.public_gender = False
    profile.save()
    page = client.get(reverse("accounts:person-detail", args=[outsider.pk])).content.decode()
    assert (
        "Otto Outsider" in page
        and "Brazil" in page
        and "Latin American and Caribbean Group" in page
    )
    assert "Hidden Org" not in page and "Two-spirit" not in page and outsider.email not in page
    profile.public_gender = True
    profile.save()
    page = client.get(reverse("accounts:person-detail", args=[outsider.pk])).content.decode()
    assert "Two-spirit" in page


def test_gender_choices_include_self_description_and_prefer_not_to_say():
    values = set(Profile.Gender.values)
    assert {"self_described", "prefer_not_to_say"} <= values


def test_welcome_email_after_verification_is_sent_once_in_text_and_html(
    db, django_capture_on_commit_callbacks
):
    user = UserFactory(email="new@example.org", display_name="Nia New")
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    from allauth.account.signals import email_confirmed

    with django_capture_on_commit_callbacks(execute=True):
        email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    with django_capture_on_commit_callbacks(execute=True):
        email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"] and "Welcome" in message.subject
    assert "Hello Nia New" in message.body
    assert (
        message.alternatives[0][1] == "text/html"
        and "<p>Hello Nia New,</p>" in message.alternatives[0][0]
    )
    assert Profile.objects.get(user=user).welcome_sent_at is not None
    assert services.send_welcome_email(user_id=user.pk) is False


def test_login_is_throttled_after_repeated_failures(client, db):
    user = UserFactory(email="target@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert (
            "The email address and/or password you specified are not correct."
            in response.content.decode()
        )
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code in {200, 429}
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_verified_person_logs_in_by_email(client, db):
    user = UserFactory(email="ok@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    response = client.post(
        reverse("account_login"), {"login": "OK@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_unverified_person_cannot_log_in(client, db):
    user = UserFactory(email="unverified@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, db):
    user = UserFactory(email="forgot@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_the_secretariat_role_is_granted_and_revoked_with_a_record(outsider, secretariat):
    services.grant_site_role(
        user=outsider, role=SiteRole.Role.SECRETARIAT, actor=secretariat, reason="Hired"
    )
    outsider.refresh_from_db()
    assert is_secretariat(outsider) and outsider.is_staff
    with pytest.raises(DomainError, match="reason"):
        services.revoke_site_role(
            user=outsider, role=SiteRole.Role.SECRETARIAT, actor=secretariat, reason=""
        )
    services.revoke_site_role(
        user=outsider, role=SiteRole.Role.SECRETARIAT, actor=secretariat, reason="Left"
    )
    outsider.refresh_from_db()
    assert not is_secretariat(outsider) and not outsider.is_staff
    row = SiteRole.objects.get(user=outsider)
    assert (row.granted_by, row.grant_reason, row.revoked_by, row.revoke_reason) == (
        secretariat,
        "Hired",
        secretariat,
        "Left",
    )


def test_the_admin_is_open_to_the_secretariat_and_decisions_are_read_only_there(
    client, secretariat, bpf_a_coordinator, bpf_a
):
    client.force_login(secretariat)
    assert client.get("/admin/").status_code == 200
    page = client.get(f"/admin/workstreams/workstream/{bpf_a.pk}/change/").content.decode()
    assert 'name="status"' not in page  # status changes only through the recorded decision
    assert client.get("/admin/workstreams/workstreamevent/add/").status_code == 403
    membership = bpf_a.memberships.get()
    assert client.post(f"/admin/workstreams/membership/{membership.pk}/delete/").status_code == 403
    client.force_login(bpf_a_coordinator)
    assert client.get("/admin/").status_code == 302  # not staff: sent to the admin login


def test_verification_and_reset_emails_come_in_text_and_html(client, db):
    client.post(
        reverse("account_signup"),
        {
            "email": "both@example.org",
            "display_name": "Bo Th",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = EmailAddress.objects.get(email="both@example.org").user
    EmailAddress.objects.filter(user=user).update(verified=True)
    client.post(reverse("account_reset_password"), {"email": "both@example.org"})
    assert len(mail.outbox) == 2
    for message, link in zip(
        mail.outbox, ["/accounts/confirm-email/", "/accounts/password/reset/key/"], strict=True
    ):
        assert link in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and link in html and "<a href=" in html
