from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import Profile, StakeholderGroup
from .services import ensure_profile


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's signup form: what others see of a new member."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        help_text=_("How your name appears to others. Your email address is never shown."),
    )
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"),
        queryset=StakeholderGroup.objects.active(),
        required=False,
        empty_label=_("— choose later —"),
    )

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the name others should see."))
        return name

    def signup(self, request, user):
        profile = ensure_profile(user=user)
        profile.display_name = self.cleaned_data["display_name"]
        profile.stakeholder_group = self.cleaned_data.get("stakeholder_group")
        profile.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "display_name",
            "organisation",
            "stakeholder_group",
            "country",
            "time_zone",
            "language",
            "gender",
            "gender_self_description",
            "public_organisation",
            "public_stakeholder_group",
            "public_country",
            "public_gender",
        ]
        help_texts = {
            "gender": _("Optional. Counted, without names, in balance views of groups you join."),
            "gender_self_description": _("Only if you chose “I describe myself as…”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder_group"].queryset = StakeholderGroup.objects.active()
        self.fields["gender"].choices = [("", _("Not stated"))] + list(Profile.Gender.choices)
        # Each language in its own name, as in the footer; only those the portal offers.
        self.fields["language"].choices = [("", _("The site's default (English)"))] + [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]


class CloseAccountForm(forms.Form):
    """Closing one's own account: the password again, and an explicit confirmation."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    reason = forms.CharField(
        label=_("Why are you leaving? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the record of the closure; it helps the Secretariat improve."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is closed for good and cannot be restored."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password

    def clean_reason(self):
        reason = self.cleaned_data["reason"].replace("\x00", "").strip()
        return reason
