"""Forms for contributions, the editorial group, dispositions, messages, outputs and the
directory of fora and entities. All user text passes through these fields (lengths, NUL
bytes); the services enforce the rules and name them."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.regions import RegionalGroup

from . import contributions, editorial, messages
from .checks import REASON_MAX
from .models import Contribution, Disposition, Draft, Entity, Language, Message, Paragraph

REASON_FIELD = {
    "max_length": REASON_MAX,
    "widget": forms.Textarea(attrs={"rows": 2}),
}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (recorded)"),
        error_messages={"required": _("Say why; the reason is recorded.")},
        **REASON_FIELD,
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional, recorded)"), required=False, **REASON_FIELD)


class ContributionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=contributions.TITLE_MAX)
    on_behalf_of = forms.ChoiceField(
        label=_("On behalf of"),
        choices=Contribution.OnBehalf.choices,
        widget=forms.RadioSelect,
        initial=Contribution.OnBehalf.SELF,
        error_messages={"required": _("Say on whose behalf you contribute.")},
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=contributions.ORGANISATION_MAX,
        required=False,
        help_text=_("Required when you contribute on behalf of an organisation."),
    )
    on_behalf_workstream = forms.ModelChoiceField(
        label=_("The NRI, DC or BPF"),
        queryset=None,
        required=False,
        help_text=_("Required for an NRI, a DC or a BPF: one you coordinate or belong to."),
    )
    text = forms.CharField(
        label=_("Your contribution"),
        max_length=contributions.TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Text, a file, or both."),
    )
    file = forms.FileField(label=_("File"), required=False, max_length=300)
    language = forms.ChoiceField(
        label=_("Written in"), choices=Language.choices, initial=Language.EN
    )
    named_in_output = forms.BooleanField(
        label=_("Name me in the published output"),
        required=False,
        help_text=_("Otherwise your contribution is counted but your name is not published."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from workstreams.models import Workstream

        choices = Workstream.objects.none()
        for origin in contributions.WORKSTREAM_KIND:
            choices = choices | contributions.workstreams_for(user, origin)
        self.fields["on_behalf_workstream"].queryset = choices.distinct().order_by("kind", "name")
        self.fields["file"].help_text = _(
            "PDF, DOCX or ODT; at most %(limit)s. The content is checked, not only the name."
        ) % {"limit": filesizeformat(contributions.CONTRIBUTION_MAX_BYTES)}

    def clean_on_behalf_workstream(self):
        workstream = self.cleaned_data.get("on_behalf_workstream")
        origin = self.cleaned_data.get("on_behalf_of")
        kind = contributions.WORKSTREAM_KIND.get(origin)
        if workstream is not None and kind is not None and workstream.kind != kind:
            raise forms.ValidationError(
                _("%(name)s is not a %(kind)s.")
                % {"name": workstream.name, "kind": Contribution.OnBehalf(origin).label}
            )
        return workstream


class NriFeedbackForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=contributions.TITLE_MAX)
    text = forms.CharField(
        label=_("The initiative's feedback"),
        max_length=contributions.TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    file = forms.FileField(
        label=_("File"), required=False, max_length=300, help_text=_("PDF, DOCX or ODT; 10 MB.")
    )
    language = forms.ChoiceField(label=_("Written in"), choices=Language.choices)
    named_in_output = forms.BooleanField(label=_("Name me in the published output"), required=False)


class InviteNrisForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=None)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = consultation.phases.order_by("opens_at", "pk")


class JoinEditorsForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you would like to join (optional)"),
        max_length=editorial.MOTIVATION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EditorDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or decline.")},
    )
    reason = forms.CharField(
        label=_("Reason (required to decline; recorded)"), required=False, **REASON_FIELD
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the request is declined; it is recorded."))
        return cleaned


class DispositionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Disposition"),
        choices=Disposition.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("R-CON-5: choose addressed, partly addressed or not addressed.")
        },
    )
    reply = forms.CharField(
        label=_("Reply to the commenter"),
        max_length=editorial.REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("R-CON-5: write a reply to the commenter.")},
    )


class ParagraphChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, paragraph):
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        return _("Draft %(version)s ¶ %(number)s: %(text)s") % {
            "version": paragraph.draft.version,
            "number": paragraph.number,
            "text": Truncator(strip_tags(paragraph.html) or paragraph.source).chars(80),
        }


class MessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Message.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("R-CON-7: say whether it states consensus or diverging views.")
        },
    )
    title = forms.CharField(label=_("Message"), max_length=messages.TITLE_MAX)
    body = forms.CharField(
        label=_("Explanation"),
        max_length=messages.BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For diverging views, describe the range of views."),
    )
    paragraphs = ParagraphChoiceField(
        label=_("Paragraphs it comes from"),
        queryset=Paragraph.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comments = forms.CharField(
        label=_("Comments it comes from"),
        max_length=2000,
        required=False,
        help_text=_("Comment numbers, separated by commas, e.g. 12, 15."),
    )
    position = forms.IntegerField(
        label=_("Position in the list"), min_value=0, max_value=32767, required=False
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraphs"].queryset = messages.source_paragraphs(consultation)

    def clean_comments(self):
        from accounts.exceptions import DomainError

        try:
            return messages.parse_comment_numbers(self.cleaned_data.get("comments"))
        except DomainError as error:
            raise forms.ValidationError(error.messages) from None


class PublishOutputForm(forms.Form):
    draft = forms.ModelChoiceField(
        label=_("Draft to publish as the output"),
        queryset=Draft.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose a published draft.")},
    )
    entities = forms.ModelMultipleChoiceField(
        label=_("Distribution list"),
        queryset=Entity.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Fora and entities from the directory to send the output to."),
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = consultation.drafts.filter(
            status=Draft.Status.PUBLISHED
        ).order_by("-version")


class EntityForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Entity
        fields = [
            "name",
            "kind",
            "un_regional_group",
            "country",
            "contact_name",
            "contact_email",
            "website",
            "issues",
        ]
        widgets = {"issues": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].max_length = 5000
        self.fields["issues"].widget.attrs["maxlength"] = 5000
        from django.core.validators import MaxLengthValidator

        self.fields["issues"].validators.append(MaxLengthValidator(5000))


class EntityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds"))] + Entity.Kind.choices, required=False
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("All regions"))] + RegionalGroup.choices,
        required=False,
    )
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))],
        required=False,
    )
