"""Forms of consultations, phases, drafts and comments. Every piece of user text passes through
a form field (NUL bytes and over-long text are answered here); the services enforce the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from . import services
from .checks import REASON_MAX
from .models import Consultation, Draft, Language, Phase


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _datetime_field(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={
            "invalid": _("Enter a date and time, for example 2026-09-01 09:00."),
            "required": _("Give the date and time."),
        },
    )


class ConsultationForm(forms.Form):
    workstream = forms.ModelChoiceField(
        label=_("Owning workstream"),
        queryset=None,
        help_text=_("For IGF-wide work such as CENB, the programme's workstream."),
        error_messages={"invalid_choice": _("Choose a workstream you coordinate.")},
    )
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=services.SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    is_policy_network_output = forms.BooleanField(
        label=_("This is a Policy Network's output"),
        required=False,
        help_text=_(
            "NRIs are invited to give feedback on each phase, and the outcome document must "
            "cover the Policy Network's required sections."
        ),
    )
    comment_rate_limit = forms.IntegerField(
        label=_("Comments per person per hour"),
        min_value=1,
        max_value=500,
        initial=20,
        help_text=_("A limit against spam; editors are not limited."),
    )

    def __init__(self, *args, workstreams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams


class ConsultationEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=services.SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Consultation.Status.choices,
        help_text=_("A consultation being prepared is seen only by its managers and editors."),
    )
    comment_rate_limit = forms.IntegerField(
        label=_("Comments per person per hour"), min_value=1, max_value=500
    )
    reason = forms.CharField(
        label=_("Reason for the change (recorded)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Phase"), choices=Phase.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=services.TITLE_MAX,
        help_text=_("Optional; the phase's name is shown otherwise."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=services.SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_at = _datetime_field(_("Opens"))
    closes_at = _datetime_field(_("Closes"), required=False)
    draft = forms.ModelChoiceField(
        label=_("Draft"),
        queryset=Draft.objects.none(),
        required=False,
        help_text=_("A comment window opens a published draft for comment."),
        error_messages={"invalid_choice": _("Choose a published draft of this consultation.")},
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = consultation.drafts.filter(
            status=Draft.Status.PUBLISHED
        ).order_by("version")
        zone = timezone.get_current_timezone_name()
        for name in ("opens_at", "closes_at"):
            self.fields[name].help_text = _("In your time zone (%(zone)s).") % {"zone": zone}
        self.fields["closes_at"].help_text = _(
            "In your time zone (%(zone)s). Empty: open-ended (not for a comment window)."
        ) % {"zone": zone}


class PreviewedMarkdownxWidget(MarkdownxWidget):
    """markdownx's editor with its preview in a labelled box that announces its updates."""

    template_name = "consultations/widgets/markdownx.html"


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    body = forms.CharField(
        label=_("Text (Markdown)"),
        max_length=services.DRAFT_BODY_MAX,
        widget=PreviewedMarkdownxWidget(attrs={"rows": 20}),
        help_text=_(
            "Markdown: a blank line starts a new paragraph; headings start with #. Each "
            "paragraph is numbered when the draft is published, and comments attach to it."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=Language.choices)
    is_outcome_document = forms.BooleanField(
        label=_("This is the outcome document"), required=False
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your comment before posting it.")},
    )
    language = forms.ChoiceField(
        label=_("Language of your comment"), choices=Language.choices, initial=Language.EN
    )
    named_in_output = forms.BooleanField(
        label=_("Name me in the published output"),
        required=False,
        help_text=_("Otherwise your comment is counted but your name is not published."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (recorded)"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason; it is recorded.")},
    )


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the moderators look at this comment?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the moderators should look at it.")},
    )


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    workstream = forms.ModelChoiceField(
        label=_("Workstream"),
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label=_("Any workstream"),
        error_messages={"invalid_choice": _("Choose a workstream from the list.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Consultation.Status.choices],
    )

    def __init__(self, *args, workstreams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams
