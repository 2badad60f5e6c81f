"""Forms for renewals, nominations and the MAG selection (R-MAG-2, R-MAG-4)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import LazyTypedChoiceField

from accounts.models import StakeholderGroup

from .forms import DevelopingCountryField, _text, country_choices, gender_field
from .models import Nomination

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}

PUBLIC_FIELD_CHOICES = [
    ("organisation", _("Organisation")),
    ("stakeholder_group", _("Stakeholder group")),
    ("country", _("Country")),
    ("gender", _("Gender")),
    ("biography", _("Short biography")),
]


class RenewTermForm(forms.Form):
    start = forms.DateField(label=_("Renewed term starts"), **DATE)
    end = forms.DateField(label=_("Renewed term ends"), **DATE)
    reason = _text(_("Note (recorded)"), required=False, rows=2)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("A term ends on or after the day it starts."))
        return data


class NominationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"), max_length=254, help_text=_("Never published.")
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.active()
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=country_choices)
    gender = gender_field()
    developing_country = DevelopingCountryField()
    biography = _text(_("Short biography"), required=False, rows=4)
    nominated_by = forms.CharField(
        label=_("Nominated by"),
        max_length=200,
        required=False,
        help_text=_("e.g. a stakeholder group."),
    )
    publish_listing = forms.BooleanField(
        label=_("The nominee agrees to be listed publicly as a nominee"),
        required=False,
        help_text=_("Without this agreement the nominee is never shown publicly (R-MAG-4)."),
    )
    public_fields = forms.MultipleChoiceField(
        label=_("The nominee also agrees to publish"),
        choices=PUBLIC_FIELD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their name is published with the listing; nothing else without consent."),
    )
    reason = _text(_("Note (recorded)"), required=False, rows=2)

    def clean(self):
        data = super().clean()
        if data.get("public_fields") and not data.get("publish_listing"):
            self.add_error(
                "public_fields",
                _(
                    "R-MAG-4: these are published only with the nominee's agreement to be "
                    "listed; tick that agreement or clear these boxes."
                ),
            )
        return data

    @classmethod
    def initial_for(cls, nomination):
        initial = {name: getattr(nomination, name) for name in cls.base_fields if name != "reason"}
        initial["stakeholder_group"] = nomination.stakeholder_group_id
        initial["country"] = nomination.country.code
        initial["developing_country"] = "yes" if nomination.developing_country else "no"
        return initial


class NominationActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("propose", _("Propose")),
            ("unpropose", _("Take out of the proposed selection")),
            ("withdraw", _("Record as withdrawn")),
            ("reinstate", _("Reinstate")),
        ]
    )


class PublishNomineesForm(forms.Form):
    publish_nominees = forms.BooleanField(
        label=_("Publish the list of nominees"),
        required=False,
        help_text=_("Shows each nominee with only what they agreed to make public (R-MAG-4)."),
    )


class SubmitSelectionForm(forms.Form):
    submitted_on = forms.DateField(label=_("Submitted to the Secretary-General on"), **DATE)
    reason = _text(_("Note (recorded)"), required=False, rows=2)


class AppointSelectionForm(forms.Form):
    appointed = forms.ModelMultipleChoiceField(
        label=_("Nominees the Secretary-General appointed"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the nominees who were appointed.")},
    )
    appointed_on = forms.DateField(label=_("Appointed on"), **DATE)
    announcement_url = forms.URLField(
        label=_("Announcement (web address)"),
        max_length=200,
        required=False,
        assume_scheme="https",
    )
    term_start = forms.DateField(label=_("Their terms start"), **DATE)
    term_end = forms.DateField(label=_("Their terms end"), **DATE)
    reason = _text(_("Note (recorded)"), required=False, rows=2)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed"].queryset = Nomination.objects.filter(
            cycle=cycle, status=Nomination.Status.PROPOSED
        ).order_by("name", "pk")

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("A term ends on or after the day it starts."))
        return data
