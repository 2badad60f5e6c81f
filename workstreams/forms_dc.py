"""Forms of the Dynamic Coalition pages: every typed value passes through a Django form field
(which refuses NUL bytes and caps lengths) before any service sees it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import StakeholderGroup

from .applications import IRREVERSIBLE_ACTIONS, decisions_from
from .models import DcApplication, IgfCycle, Workstream

LONG_TEXT = 20_000
MIN_REPRESENTATIVE_ROWS = 6
EXTRA_REPRESENTATIVE_ROWS = 3


class DcStartForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the Dynamic Coalition"),
        max_length=200,
        help_text=_("For example “Dynamic Coalition on Internet Rights and Principles”."),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the coalition's name."))
        if Workstream.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("A workstream named “%(name)s” already exists."), params={"name": name}
            )
        return name


class DcApplicationForm(forms.ModelForm):
    """The five items of R-DC-1 and the three attestations of R-DC-2; all optional for a draft."""

    need = forms.CharField(
        label=_("Why the coalition is needed"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    action_plan = forms.CharField(
        label=_("Action plan"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = DcApplication
        fields = [
            "need",
            "action_plan",
            "mailing_list",
            "contact_name",
            "contact_email",
            "open_membership",
            "open_mailing_list",
            "open_archives",
        ]
        labels = {
            "mailing_list": _("Mailing list address"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact person's email address"),
            "open_membership": _("We attest that membership is open to anyone"),
            "open_mailing_list": _("We attest that the mailing list is open to anyone"),
            "open_archives": _("We attest that the list's archives are open to anyone"),
        }


class RepresentativeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    stakeholder_group = forms.TypedChoiceField(
        label=_("Stakeholder group"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, group_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder_group"].choices = [("", "—"), *group_choices]

    def clean(self):
        data = super().clean()
        if data.get("organisation") or data.get("stakeholder_group"):
            if not data.get("name"):
                self.add_error("name", _("Give the representative's name, or clear the row."))
            if not data.get("stakeholder_group"):
                self.add_error("stakeholder_group", _("Choose the representative's group."))
        elif data.get("name") and not data.get("stakeholder_group"):
            self.add_error("stakeholder_group", _("Choose the representative's group."))
        return data


class BaseRepresentativeFormSet(forms.BaseFormSet):
    def rows(self):
        """The filled rows, ready for dc.save_dc_application (groups as objects)."""
        groups = {group.pk: group for group in StakeholderGroup.objects.all()}
        return [
            {
                "name": form.cleaned_data["name"],
                "organisation": form.cleaned_data.get("organisation", ""),
                "stakeholder_group": groups[form.cleaned_data["stakeholder_group"]],
            }
            for form in self.forms
            if form.cleaned_data.get("name") and form.cleaned_data.get("stakeholder_group")
        ]


def representative_formset(data=None, application=None):
    """The representatives as a formset, with several empty rows to add more."""
    # One query for the choices, shared by every row (not a query per row).
    group_choices = list(StakeholderGroup.objects.active().values_list("pk", "name"))
    initial = []
    if application is not None and data is None:
        initial = [
            {
                "name": rep.name,
                "organisation": rep.organisation,
                "stakeholder_group": rep.stakeholder_group_id,
            }
            for rep in application.representatives.all()
        ]
    extra = max(EXTRA_REPRESENTATIVE_ROWS, MIN_REPRESENTATIVE_ROWS - len(initial))
    formset_class = forms.formset_factory(
        RepresentativeForm,
        formset=BaseRepresentativeFormSet,
        extra=extra,
        max_num=50,
        absolute_max=50,
        validate_max=True,
    )
    return formset_class(
        data,
        initial=initial,
        prefix="reps",
        form_kwargs={"group_choices": group_choices},
    )


class DecisionForm(forms.Form):
    """The Secretariat's decision: its reason is required, and irreversible ones confirmed."""

    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (recorded and shown to the applicants)"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "data-draft-key": "dc-decision-reason"}),
        error_messages={"required": _("R-DC-3: give the reason for this decision.")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm: recognising or rejecting cannot be undone"),
        required=False,
    )

    def __init__(self, *args, status, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = decisions_from(status)

    def clean(self):
        data = super().clean()
        if data.get("action") in IRREVERSIBLE_ACTIONS and not data.get("confirm"):
            self.add_error("confirm", _("Tick “I confirm”: this decision cannot be undone."))
        return data


class ReviewQueueFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("open", _("All open")),
        ("submitted", _("Submitted, awaiting review")),
        ("changes_requested", _("Changes requested")),
    ]

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    older_than = forms.IntegerField(
        label=_("Waiting more than (days)"), min_value=0, max_value=3650, required=False
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]


class ReportingRoundForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("IGF cycle"), queryset=IgfCycle.objects.all())
    due_date = forms.DateField(
        label=_("Reports due on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReportCycleFilterForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("IGF cycle"),
        queryset=IgfCycle.objects.all(),
        required=False,
        to_field_name="year",
        empty_label=_("All cycles"),
    )


class AnnualReportForm(forms.Form):
    text = forms.CharField(
        label=_("Annual report"),
        max_length=LONG_TEXT * 3,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What the coalition did this cycle, and what it plans next (R-DC-4)."),
        error_messages={"required": _("Write the report before filing it.")},
    )
