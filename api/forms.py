from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is this token for?"),
        max_length=100,
        help_text=_("For example: “my comment tool”. Only you see it."),
        error_messages={"required": _("Give the token a name.")},
    )
