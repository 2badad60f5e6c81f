"""Forms of a workstream's space: news posts and documents. The services enforce the rules."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import spaces


class NewsPostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=spaces.NEWS_TITLE_MAX)
    body = forms.CharField(
        label=_("Text"),
        max_length=spaces.NEWS_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text; line breaks are kept."),
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it removed? (recorded)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why it is removed; the reason is recorded.")},
    )


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), max_length=300)
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        initial=True,
        help_text=_("Private documents are for the workstream's people and the Secretariat."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit is a setting: read it when the form is built, not when the module loads.
        self.fields["file"].help_text = _(
            "PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG, plain text or CSV; at most %(limit)s. "
            "The content is checked, not only the name."
        ) % {"limit": filesizeformat(spaces.document_max_bytes())}
