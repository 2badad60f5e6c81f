"""Forms of the Policy Network page (R-PN-1, R-PN-2, R-PN-4, R-PN-7, R-NRI-5)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import PersonByEmailField
from .models import PnTopicInput, Workstream


class TopicDecisionForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=2000, widget=forms.Textarea({"rows": 2}))
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput({"type": "date"}))
    reason = forms.CharField(
        label=_("Reason (recorded)"),
        max_length=10_000,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Give the reason for the topic; it is recorded.")},
    )


class TopicInputForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of input"), choices=PnTopicInput.Kind.choices)
    url = forms.URLField(label=_("Link (optional)"), required=False, assume_scheme="https")
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 2}),
    )


class InviteForm(forms.Form):
    email = PersonByEmailField(label=_("Email address of the expert"))
    discipline = forms.CharField(label=_("Discipline or knowledge area"), max_length=200)


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept")), ("decline", _("I decline"))],
        widget=forms.RadioSelect,
    )


class ConsultantForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of their account (optional)"),
        required=False,
        help_text=_("Or give the name below when the consultant has no account."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    contract_date = forms.DateField(
        label=_("Contract date"), widget=forms.DateInput({"type": "date"})
    )

    def clean(self):
        data = super().clean()
        email = data.get("email")
        data["person"] = None
        if email:
            data["person"] = PersonByEmailField().clean(email)
        elif not data.get("name", "").strip() and not self.has_error("email"):
            self.add_error("name", _("Name the consultant, or give their account's address."))
        return data


class _WorkstreamChoiceForm(forms.Form):
    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.workstream_field].queryset = choices


class FocalPointForm(_WorkstreamChoiceForm):
    workstream_field = "from_workstream"

    from_workstream = forms.ModelChoiceField(
        label=_("Best Practice Forum or Dynamic Coalition"), queryset=Workstream.objects.none()
    )
    email = PersonByEmailField(label=_("Email address of the focal point"))


class NriLiaisonForm(_WorkstreamChoiceForm):
    workstream_field = "nri"

    nri = forms.ModelChoiceField(label=_("NRI"), queryset=Workstream.objects.none())
    email = PersonByEmailField(label=_("Email address of the liaison"))
