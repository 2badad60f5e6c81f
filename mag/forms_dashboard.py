"""Forms of the "My duties" dashboard: a BPF facilitator's progress update (R-BPF-5)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .progress import MAX_SESSIONS

TEXT_LIMIT = 10000


class BpfProgressForm(forms.Form):
    """The meetings offered are passed in (one query for every form on a page), so a page
    with several BPFs renders each form without a query of its own."""

    text = forms.CharField(
        label=_("Progress since the last update"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the BPF has done, what it plans next, and where it needs the MAG."),
        error_messages={
            "required": _("R-BPF-5: describe the BPF's progress since its last update."),
        },
    )
    open_sessions_held = forms.IntegerField(
        label=_("Open sessions held since the last update"),
        min_value=0,
        max_value=MAX_SESSIONS,
        initial=0,
        help_text=_("A BPF holds regular open sessions (R-BPF-5)."),
    )
    meeting = forms.ChoiceField(
        label=_("For the MAG meeting (optional)"),
        required=False,
        error_messages={
            "invalid_choice": _("Choose one of the MAG meetings listed, or none."),
        },
    )

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(meeting.pk): meeting for meeting in meetings}
        self.fields["meeting"].choices = [("", _("No particular meeting"))] + [
            (str(meeting.pk), self._label(meeting)) for meeting in meetings
        ]

    @staticmethod
    def _label(meeting):
        day = timezone.localtime(meeting.starts_at).date()
        return f"{meeting.title} ({date_format(day, 'DATE_FORMAT')})"

    def clean_meeting(self):
        value = self.cleaned_data.get("meeting")
        return self.meetings.get(value) if value else None
