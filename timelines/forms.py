"""Forms for milestones and action items: they collect input, the services decide."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .registry import policy

MAX_EMAILS = 50


class DateInput(forms.DateInput):
    """The browser's date picker; the value is always ISO, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateField(
        label=_("Date"), widget=DateInput(), help_text=_("The day it happens, or the first day.")
    )
    end = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("For a period, such as a comment window."),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_deadline = forms.BooleanField(label=_("This is a deadline"), required=False)

    @classmethod
    def initial_for(cls, milestone):
        return {
            "title": milestone.title,
            "start": milestone.start,
            "end": milestone.end,
            "description": milestone.description,
            "is_deadline": milestone.is_deadline,
        }


def split_emails(text):
    """Addresses typed one per line, or separated by commas, semicolons or spaces."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


class ActionItemForm(forms.Form):
    """An action, its deadline and its actors: people by email address, or roles.

    When editing, the people already named are shown by name (not by email address, which
    stays private) and kept unless unticked.
    """

    action = forms.CharField(
        label=_("Action"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(
        label=_("Deadline (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("A day in the workstream's time zone. Leave empty for “to be set”."),
    )
    keep_users = forms.TypedMultipleChoiceField(
        label=_("People named now (untick to remove)"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    users = forms.CharField(
        label=_("People, by email address"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, or separated by commas. Each must have an account."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone holding the role acts, as it is held on the day."),
    )
    reason = forms.CharField(
        label=_("Note for the record (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, current_people=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Read at form time: the workstreams app fills the registry when it starts.
        self.fields["roles"].choices = list(policy.actor_roles)
        self.current_people = {user.pk: user for user in current_people or []}
        if current_people is None:
            # A new item: nobody is named yet, and there is no history to annotate.
            del self.fields["keep_users"]
            del self.fields["reason"]
        else:
            self.fields["keep_users"].choices = [
                (user.pk, user.public_name) for user in current_people
            ]
            if not current_people:
                del self.fields["keep_users"]

    def clean_users(self):
        emails = split_emails(self.cleaned_data["users"])
        if len(emails) > MAX_EMAILS:
            raise ValidationError(
                _("Name at most %(count)s people at once."), params={"count": MAX_EMAILS}
            )
        errors = []
        wanted = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("“%(email)s” is not an email address."), params={"email": email[:100]}
                    )
                )
            else:
                wanted.append(email.lower())
        found = {
            user.email_lower: user
            for user in get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=wanted, is_active=True)
        }
        errors += [
            ValidationError(_("No account uses %(email)s."), params={"email": email})
            for email in dict.fromkeys(wanted)
            if email not in found
        ]
        if errors:
            raise ValidationError(errors)
        return list({found[email].pk: found[email] for email in wanted}.values())

    def people(self):
        """Everyone named: the people kept, then those added by email address."""
        kept = [
            self.current_people[pk]
            for pk in self.cleaned_data.get("keep_users", [])
            if pk in self.current_people
        ]
        added = self.cleaned_data.get("users", [])
        return list({user.pk: user for user in kept + added}.values())


class DoneForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False)


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it dropped? (recorded and shown)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the item is dropped; it is recorded.")},
    )


class RemoveMilestoneForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it removed? (recorded)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the milestone is removed; it is recorded.")},
    )
