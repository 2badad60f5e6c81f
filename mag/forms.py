from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from accounts.models import Profile, StakeholderGroup
from workstreams.forms import PersonByEmailField
from workstreams.models import IgfCycle, Workstream

from .models import BpfProposal, LiaisonAssignment

TEXT_LIMIT = 20000


def _text(label, required=True, rows=4, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class OptionalPersonField(PersonByEmailField):
    def clean(self, value):
        if value in self.empty_values:
            return None
        return super().clean(value)


class DevelopingCountryField(forms.TypedChoiceField):
    """Yes, no, or the default for the country from the shipped list (None)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("From a developing country"))
        kwargs.setdefault(
            "help_text",
            _("Counted in the MAG's balance (R-MAG-4). By default, the shipped list decides."),
        )
        super().__init__(
            choices=[
                ("", _("As the list of developing countries says")),
                ("yes", _("Yes")),
                ("no", _("No")),
            ],
            coerce=lambda value: value == "yes",
            empty_value=None,
            required=False,
            **kwargs,
        )


def country_choices():
    """Every country, after an empty choice: no country is picked for the user."""
    return [("", _("Choose a country"))] + list(countries)


def gender_field(**kwargs):
    return forms.ChoiceField(
        label=kwargs.pop("label", _("Gender")),
        choices=[("", _("Not recorded"))] + list(Profile.Gender.choices),
        required=False,
        **kwargs,
    )


class MagTermForm(forms.Form):
    email = PersonByEmailField(label=_("Email address of the MAG member"))
    cycle = forms.ModelChoiceField(label=_("IGF cycle"), queryset=IgfCycle.objects.all())
    start = forms.DateField(label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Term ends"), widget=forms.DateInput(attrs={"type": "date"}))
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.active()
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=country_choices)
    gender = gender_field(help_text=_("Recorded for the MAG's balance (R-MAG-1, R-MAG-4)."))
    developing_country = DevelopingCountryField()

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("A term ends on or after the day it starts."))
        return data


class AssignLiaisonForm(forms.Form):
    email = PersonByEmailField(label=_("Email address of the MAG member"))
    kind = forms.ChoiceField(label=_("Duty"), choices=LiaisonAssignment.Kind.choices)
    workstream = forms.ModelChoiceField(
        label=_("BPF or Policy Network"),
        required=False,
        queryset=Workstream.objects.filter(
            kind__in=[Workstream.Kind.BPF, Workstream.Kind.PN]
        ).order_by("kind", "name"),
        help_text=_("Leave empty for the DCCG liaison."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = _text(_("Note (recorded)"), required=False, rows=2)


class EndLiaisonForm(forms.Form):
    reason = _text(
        _("Reason (recorded)"),
        rows=2,
        error_messages={"required": _("Give a reason for ending this duty; it is recorded.")},
    )


class ProposersField(forms.CharField):
    """Email addresses of the proposers, one per line or separated by commas."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        from django.contrib.auth import get_user_model

        text = super().clean(value)
        emails = [part.strip() for part in text.replace(",", "\n").split() if part.strip()]
        if not emails:
            raise forms.ValidationError(_("Name at least one proposer."))
        if len(emails) > 50:
            raise forms.ValidationError(_("Name at most 50 proposers."))
        validator = forms.EmailField()
        people = []
        for email in emails:
            validator.clean(email)
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                raise forms.ValidationError(
                    _("No account uses %(email)s. Ask the person to sign up first."),
                    params={"email": email},
                )
            people.append(user)
        return people


class BpfProposalForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("IGF cycle"), queryset=IgfCycle.objects.all())
    title = forms.CharField(label=_("Title"), max_length=200)
    description = _text(_("Topic"), rows=6)
    methodology = _text(_("Proposed methodology"), rows=6)
    proposers = ProposersField(
        label=_("Proposers' email addresses"),
        max_length=5000,
        help_text=_("At least one must be a current MAG member to submit (R-BPF-1)."),
    )

    @classmethod
    def initial_for(cls, proposal):
        return {
            "cycle": proposal.cycle_id,
            "title": proposal.title,
            "description": proposal.description,
            "methodology": proposal.methodology,
            "proposers": "\n".join(person.email for person in proposal.proposers.all()),
        }


class BpfSelectionForm(forms.Form):
    selected = forms.ModelMultipleChoiceField(
        label=_("Proposals the MAG selected"),
        required=False,
        queryset=BpfProposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    meeting = forms.CharField(label=_("MAG meeting"), max_length=200)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = _text(
        _("Reasons for the selection (recorded)"),
        rows=3,
        error_messages={"required": _("Give the reasons for the selection; they are recorded.")},
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = BpfProposal.objects.filter(
            cycle=cycle, status=BpfProposal.Status.SUBMITTED
        ).order_by("title")


class BpfSupportForm(forms.Form):
    mailing_list = forms.BooleanField(label=_("Mailing list set up"), required=False)
    virtual_meetings = forms.BooleanField(label=_("Regular virtual meetings"), required=False)
    web_pages = forms.BooleanField(label=_("Web pages"), required=False)
    surveys = forms.BooleanField(label=_("Surveys"), required=False)
    notes = _text(_("Notes"), required=False, rows=3)
    penholder = OptionalPersonField(
        label=_("Penholder of the output report (Secretariat staff email)"), required=False
    )
