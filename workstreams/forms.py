from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Membership, Workstream
from .services import EDITABLE_FIELDS
from .workflow import available_transitions


class WorkstreamDetailsForm(forms.ModelForm):
    archive_url = forms.URLField(
        label=_("Mailing list archive"), required=False, assume_scheme="https", max_length=200
    )
    reason = forms.CharField(
        label=_("Note for the history (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Workstream
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "methodology": forms.Textarea(attrs={"rows": 6}),
        }


class WorkstreamCreateForm(forms.ModelForm):
    archive_url = forms.URLField(
        label=_("Mailing list archive"), required=False, assume_scheme="https", max_length=200
    )
    reason = forms.CharField(
        label=_("Why is it registered? (recorded)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Workstream
        fields = [
            "kind",
            "name",
            "short_name",
            "slug",
            "description",
            "mailing_list",
            "archive_url",
            "cycle",
            "nri_level",
            "is_youth",
            "country",
            "region_name",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Workstream.Kind.NRI and not data.get("nri_level"):
            self.add_error(
                "nri_level",
                _("Choose whether the initiative is national, sub-regional or regional."),
            )
        if kind and kind != Workstream.Kind.NRI:
            if data.get("nri_level"):
                self.add_error("nri_level", _("Only NRIs have a level; leave it empty."))
            if data.get("is_youth"):
                self.add_error("is_youth", _("Only NRIs can be Youth IGFs."))
        return data


class PersonByEmailField(forms.EmailField):
    """An email address that must belong to an existing, active account."""

    def clean(self, value):
        email = super().clean(value)
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No account uses %(email)s. Ask the person to sign up first."),
                params={"email": email},
            )
        return user


class GrantRoleForm(forms.Form):
    email = PersonByEmailField(label=_("Email address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    reason = forms.CharField(
        label=_("Note for the history (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=Membership.Role.choices)
    reason = forms.CharField(label=_("Reason (recorded)"), required=False)


class RevokeRoleForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (recorded)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason for removing this person; it is recorded.")},
    )


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(
        label=_("Reason (recorded and shown in the history)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason for this decision; it is recorded.")},
    )

    def __init__(self, *args, workstream, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = available_transitions(workstream.status)


class ReviewerAccessForm(forms.Form):
    email = PersonByEmailField(label=_("Email address of the reviewer"))
    reason = forms.CharField(
        label=_("Reason (recorded)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason for this access; it is recorded.")},
    )
