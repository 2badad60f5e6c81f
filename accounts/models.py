import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .regions import RegionalGroup, regional_group_for


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The email address is the identity; there is no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    # Set when the person closed their account: the row stays, anonymised, so the records
    # naming it (comments, contributions, decisions) keep their author (AccountClosure).
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        """The name shown to others: never the email address."""
        if self.closed_at is not None:
            return _("Former participant")
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return _("Member #%(id)s") % {"id": self.pk}


class StakeholderGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class StakeholderGroup(models.Model):
    """One of the stakeholder groups that rules count (R-DC-1). Data the Secretariat can change."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = StakeholderGroupQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("stakeholder group")

    def __str__(self):
        return self.name


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


TIME_ZONE_CHOICES = [(tz, tz.replace("_", " ")) for tz in sorted(zoneinfo.available_timezones())]


class Profile(models.Model):
    """What a person tells the portal about themselves, and which of it others may see."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        SELF_DESCRIBED = "self_described", _("I describe myself as…")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        help_text=_("How your name appears to others on the portal."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("stakeholder group"),
    )
    country = CountryField(_("country"), blank=True)
    un_regional_group = models.CharField(
        _("UN regional group"),
        max_length=20,
        choices=RegionalGroup.choices,
        blank=True,
        editable=False,
        help_text=_("Derived from the country."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        choices=TIME_ZONE_CHOICES,
        validators=[validate_time_zone],
        help_text=_("Dates and times on the portal are shown in this time zone."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.UN_LANGUAGES,
        blank=True,
        help_text=_("Pages and the emails the portal sends you are in this language."),
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    gender_self_description = models.CharField(
        _("gender, in your own words"), max_length=100, blank=True
    )
    public_organisation = models.BooleanField(_("show my organisation"), default=True)
    public_stakeholder_group = models.BooleanField(_("show my stakeholder group"), default=True)
    public_country = models.BooleanField(_("show my country and region"), default=True)
    public_gender = models.BooleanField(_("show my gender"), default=False)
    welcome_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        constraints = [
            models.CheckConstraint(
                condition=Q(gender="self_described") | Q(gender_self_description=""),
                name="profile_self_description_only_when_self_described",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # Derived from versioned reference data that is loaded once per process: no I/O here.
        self.un_regional_group = regional_group_for(self.country)
        super().save(*args, **kwargs)

    def clean(self):
        if self.gender == self.Gender.SELF_DESCRIBED and not self.gender_self_description.strip():
            raise ValidationError(
                {"gender_self_description": _("Describe your gender, or choose another option.")}
            )
        if self.gender != self.Gender.SELF_DESCRIBED:
            self.gender_self_description = ""

    @property
    def gender_label(self):
        if self.gender == self.Gender.SELF_DESCRIBED:
            return self.gender_self_description
        return self.get_gender_display()

    def public_fields(self):
        """(label, value) pairs that this person chose to make public."""
        fields = [(_("Name"), self.display_name)]
        if self.public_organisation and self.organisation:
            fields.append((_("Organisation"), self.organisation))
        if self.public_stakeholder_group and self.stakeholder_group_id:
            fields.append((_("Stakeholder group"), self.stakeholder_group.name))
        if self.public_country and self.country:
            fields.append((_("Country"), self.country.name))
            if self.un_regional_group:
                fields.append((_("UN regional group"), self.get_un_regional_group_display()))
        if self.public_gender and self.gender:
            fields.append((_("Gender"), self.gender_label))
        return fields


class SiteRoleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class SiteRole(models.Model):
    """A portal-wide role held by a person. Granted and revoked only by accounts.services."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="site_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grant_reason = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SiteRoleQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_site_role_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class AccountClosure(models.Model):
    """The record of an account's closure: when, by whom, why, and what went or stayed.

    `removed` counts the rows that only served the person (email addresses, follows,
    notifications, tokens...) by model; `kept` counts the records that stay, anonymised.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="closure"
    )
    closed_at = models.DateTimeField(default=timezone.now)
    by_themselves = models.BooleanField(default=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    removed = models.JSONField(default=dict, blank=True)
    kept = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-closed_at"]

    def __str__(self):
        return f"{self.user} – {self.closed_at:%Y-%m-%d}"
