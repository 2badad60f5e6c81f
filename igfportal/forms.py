from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Django's accessible form rendering, with checkboxes placed before their labels."""

    field_template_name = "forms/field.html"
