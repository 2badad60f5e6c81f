from django import forms
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
