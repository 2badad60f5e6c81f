"""Pages, dates and emails in the reader's language (issue 8, "Languages").

The footer's switcher sets the language for the browser and, for a signed-in person, their
profile; the profile's language follows them to another device and into the emails the
portal sends them.
"""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation

from accounts.models import Profile
from accounts.services import send_welcome_email
from tests.factories import PASSWORD, UserFactory


@pytest.mark.parametrize(
    ("language", "sign_in", "skip_link"),
    [
        ("fr", "Se connecter", "Aller au contenu principal"),
        ("es", "Iniciar sesión", "Ir al contenido principal"),
        ("ar", "تسجيل الدخول", None),
    ],
)
def test_the_switcher_gives_the_whole_page_in_the_chosen_language(
    client, db, language, sign_in, skip_link
):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert f'<html lang="{language}"' in page
    assert sign_in in page
    assert ">Sign in<" not in page
    if skip_link:
        assert skip_link in page
    if language == "ar":
        assert 'dir="rtl"' in page


def test_a_signed_in_persons_choice_is_kept_in_their_profile_and_follows_them(client, db):
    user = UserFactory(email="polyglot@example.org")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert Profile.objects.get(user=user).language == "es"

    # Another device: no language cookie, the profile's language applies once signed in.
    other = type(client)()
    assert other.login(email="polyglot@example.org", password=PASSWORD)
    page = other.get("/").content.decode()
    assert '<html lang="es"' in page


def test_the_profile_form_sets_the_language_of_pages(client, db):
    user = UserFactory(email="francophone@example.org", display_name="Fanta Francophone")
    client.force_login(user)
    form = client.get(reverse("accounts:profile-edit")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "country"}
    data.update(display_name="Fanta Francophone", time_zone="Africa/Dakar", language="fr")
    response = client.post(reverse("accounts:profile-edit"), data, follow=True)
    body = response.content.decode()
    assert "Votre profil a été enregistré" in body
    assert '<html lang="fr"' in body


def test_emails_are_written_in_the_recipients_language(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = UserFactory(email="arabic-reader@example.org")
    Profile.objects.filter(user=user).update(language="ar", welcome_sent_at=None)

    assert send_welcome_email(user_id=user.pk)

    (message,) = mail.outbox
    with translation.override("ar"):
        expected = translation.gettext("Welcome to the %(site)s") % {"site": settings.SITE_NAME}
    assert message.subject == expected
    assert "Welcome" not in message.subject
    html = message.alternatives[0][0]
    assert 'lang="ar"' in html


@pytest.mark.parametrize(
    ("language", "month"),
    [("en", "Nov"), ("fr", "novembre"), ("es", "noviembre"), ("ar", "نوفمبر")],
)
def test_dates_and_times_are_written_the_readers_way_with_their_zone(language, month):
    moment = dt.datetime(2026, 11, 23, 14, 5, tzinfo=dt.UTC)
    with translation.override(language):
        text = formats.date_format(moment, "DATETIME_FORMAT")
        number = formats.number_format(1234.5, 1)
    assert month in text
    assert text.endswith("UTC")
    assert "14:05" in text
    assert number == ("1234.5" if language == "en" else "1234,5")


def test_the_profiles_language_wins_over_a_devices_older_cookie(client, db):
    user = UserFactory(email="traveller@example.org")
    Profile.objects.filter(user=user).update(language="es")
    phone = type(client)()
    phone.cookies["django_language"] = "fr"  # chosen on this phone long ago
    assert phone.login(email="traveller@example.org", password=PASSWORD)
    assert '<html lang="es"' in phone.get("/").content.decode()


def test_signing_up_keeps_the_language_of_the_pages_for_emails(client, db):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new-arabic-reader@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Amal Reader",
        },
    )
    assert response.status_code == 302
    assert Profile.objects.get(user__email="new-arabic-reader@example.org").language == "ar"


def test_untranslated_languages_are_not_offered(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="en"' in page
    assert 'value="ru"' not in page and 'value="zh-hans"' not in page
    assert 'value="fr"' in page and 'value="ar"' in page


def test_a_decision_recorded_by_a_french_speaker_reaches_a_spanish_coordinator_in_spanish(
    db, settings, bpf_a, bpf_a_coordinator, secretariat
):
    from timelines.services import deliver_pending
    from workstreams.applications import TRANSITIONS
    from workstreams.notifications import notify_transition

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Profile.objects.filter(user=bpf_a_coordinator).update(language="es")

    class Application:
        pk = 7
        workstream = bpf_a
        decided_at = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)

    with translation.override("fr"):  # the Secretariat works in French
        notify_transition(
            workflow_key="dc",
            application=Application,
            action="recognise",
            label=TRANSITIONS["recognise"][2],
            actor=secretariat,
            reason="Toutes les conditions sont remplies.",
        )
    deliver_pending()
    (message,) = [m for m in mail.outbox if bpf_a_coordinator.email in m.to]
    with translation.override("es"):
        expected = translation.gettext("Recognise")
    assert expected in message.subject and expected != "Recognise"
    assert "Reconnaître" not in message.subject and "Reconnaître" not in message.body


def test_a_password_reset_asked_from_an_english_page_comes_in_the_accounts_language(client, db):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="lectora@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Profile.objects.filter(user=user).update(language="es")
    client.post(reverse("account_reset_password"), {"email": "lectora@example.org"})
    (message,) = mail.outbox
    assert "contraseña" in (message.subject + message.body).lower()
    assert "password reset" not in message.subject.lower()
