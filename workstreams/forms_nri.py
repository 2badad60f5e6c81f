"""Forms for NRI recognition and support requests, the public directory's filters, and the
registry import's row check. All input reaches the services through these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import StakeholderGroup
from accounts.regions import RegionalGroup

from . import nri
from .applications import IRREVERSIBLE_ACTIONS, decisions_from
from .forms import WorkstreamCreateForm
from .models import CorePrinciple, SupportRequest, Workstream


class NriPlaceMixin:
    """R-NRI-3: a national initiative names its country; a (sub-)regional one its region."""

    def clean(self):
        data = super().clean()
        if data.get("nri_level"):
            errors = nri.nri_place_errors(
                nri_level=data.get("nri_level"),
                country=data.get("country") or "",
                region_name=data.get("region_name") or "",
                un_regional_group=data.get("un_regional_group") or "",
            )
            for field, message in errors.items():
                if field in self.fields:
                    self.add_error(field, message)
        return data


class NriStartForm(NriPlaceMixin, forms.ModelForm):
    class Meta:
        model = Workstream
        fields = ["name", "nri_level", "country", "region_name", "un_regional_group", "is_youth"]
        labels = {
            "name": _("Name of the initiative"),
            "is_youth": _("This is a Youth IGF"),
        }
        help_texts = {
            "name": _("For example “Zambia IGF” or “Youth IGF Uruguay”."),
            "country": _("For a national initiative."),
            "un_regional_group": _(
                "For a sub-regional or regional initiative; leave empty if a regional "
                "initiative spans several groups."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = Workstream.Kind.NRI
        self.fields["nri_level"].required = True


class NriStatementForm(forms.Form):
    statement = forms.CharField(
        label=_("Detailed written statement"),
        help_text=_(
            "How the initiative is open, transparent, inclusive, bottom-up, multistakeholder "
            "and non-commercial: who organises it, how anyone can take part, how decisions "
            "are taken and published, and how it is funded. At least %(minimum)d characters."
        )
        % {"minimum": nri.MIN_STATEMENT_LENGTH},
        required=False,
        max_length=nri.MAX_STATEMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    committee_groups = forms.ModelMultipleChoiceField(
        label=_("Stakeholder groups on the organising committee"),
        queryset=StakeholderGroup.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PrincipleAssessmentForm(forms.Form):
    meets = forms.TypedChoiceField(
        label=_("Meets the principle?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the principle is met.")},
    )
    notes = forms.CharField(
        label=_("Notes (recorded)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give notes for this assessment; they are recorded.")},
    )

    def __init__(self, *args, principle, **kwargs):
        kwargs.setdefault("prefix", principle)
        super().__init__(*args, **kwargs)
        self.principle = principle
        self.label = CorePrinciple(principle).label


class NriDecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (recorded and shown to the applicants)"),
        max_length=5000,
        # The page has other forms (one per principle): the browser keeps this draft when one
        # of them reloads the page (static/js/portal.js).
        widget=forms.Textarea(attrs={"rows": 3, "data-draft-key": "nri-decision-reason"}),
        error_messages={"required": _("Give the reason for this decision; it is recorded.")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm: recognising or rejecting cannot be undone here."), required=False
    )

    def __init__(self, *args, status, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = decisions_from(status)

    def clean(self):
        data = super().clean()
        if data.get("action") in IRREVERSIBLE_ACTIONS and not data.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm this decision."))
        return data


class SupportRequestForm(forms.ModelForm):
    body = forms.CharField(
        label=_("What support do you need?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = SupportRequest
        fields = ["subject", "body"]


class SupportAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer (recorded and shown to the NRI)"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the answer.")},
    )


# ---- The public directory ----------------------------------------------------------------

YOUTH_CHOICES = [("", _("Any")), ("yes", _("Youth IGFs only")), ("no", _("Not Youth IGFs"))]


class DirectoryFilterForm(forms.Form):
    """The directory's filters: a GET form; an invalid value is ignored, never an error page."""

    q = forms.CharField(label=_("Search names and topics"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Workstream.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Recognised (any public status)")), *Workstream.Status.choices],
    )
    level = forms.ChoiceField(
        label=_("NRI level"),
        required=False,
        choices=[("", _("Any level")), *Workstream.NriLevel.choices],
    )
    region = forms.ChoiceField(
        label=_("UN regional group"),
        required=False,
        choices=[("", _("Any region")), *RegionalGroup.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    group = forms.ModelChoiceField(
        label=_("Stakeholder group"),
        required=False,
        queryset=StakeholderGroup.objects.active(),
        to_field_name="slug",
        empty_label=_("Any stakeholder group"),
    )
    youth = forms.ChoiceField(label=_("Youth IGF"), required=False, choices=YOUTH_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]

    def filters(self):
        """The valid, non-empty filter values; invalid ones are dropped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}


# ---- The registry import -----------------------------------------------------------------


class RegistryRowForm(NriPlaceMixin, WorkstreamCreateForm):
    """One row of the registry CSV: the registration form's rules, plus status and UN group."""

    status = forms.ChoiceField(
        choices=[
            (Workstream.Status.ACTIVE.value, Workstream.Status.ACTIVE.label),
            (Workstream.Status.INACTIVE.value, Workstream.Status.INACTIVE.label),
        ]
    )

    class Meta(WorkstreamCreateForm.Meta):
        fields = [
            *[f for f in WorkstreamCreateForm.Meta.fields if f != "cycle"],
            "status",
            "un_regional_group",
        ]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in nri.RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is reserved for a page of the portal."), params={"slug": slug}
            )
        return slug
