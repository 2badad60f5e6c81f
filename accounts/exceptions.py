from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A refused action. Its message names what is wrong and, where a rule is broken, its ID.

    A ValidationError, so forms can attach it to a field and show it beside the input.
    """

    def __init__(self, message, *, field=None, rule=None, code=None):
        if rule and not str(message).startswith(rule):
            message = f"{rule}: {message}"
        self.field = field
        self.rule = rule
        super().__init__(message, code=code or (rule or "invalid"))


def add_domain_error(form, error):
    """Show a refused action on the form, beside the field it concerns where there is one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.messages)
