"""Filters of the workstream, NRI, MAG, meeting and timeline lists (the website's, as GET fields).

An invalid value is a 400 naming the field, unlike the website's directory, which ignores it.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import ChoiceField
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from accounts.models import StakeholderGroup
from accounts.regions import RegionalGroup
from mag.models import LiaisonAssignment, MagTerm, Meeting
from timelines.models import ActionItem, Milestone
from workstreams.models import Workstream


def _country_choices():
    return [(code, name) for code, name in countries]


class StableOrderingFilter(OrderingFilter):
    """?ordering=name or -created…, with the primary key last so pages never overlap.

    A value that is not one of the view's ordering fields (optionally prefixed with "-") is a
    400 naming the field `ordering` and listing the accepted values; the schema documents them
    as an enum."""

    @staticmethod
    def accepted_values(view):
        fields = list(getattr(view, "ordering_fields", None) or [])
        return [value for field in fields for value in (field, f"-{field}")]

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) == "retrieve":
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw:
            accepted = self.accepted_values(view)
            terms = [term.strip() for term in raw.split(",")]
            if any(term not in accepted for term in terms):
                raise ValidationError(
                    {
                        self.ordering_param: _(
                            "Not an accepted ordering; use one or more of, comma-separated: "
                            "%(values)s."
                        )
                        % {"values": ", ".join(accepted)}
                    }
                )
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if ordering and not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            ordering.append("pk")
        return ordering

    def get_schema_operation_parameters(self, view):
        accepted = self.accepted_values(view)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Which fields to order by, comma-separated; a leading '-' reverses.")
                ),
                "schema": {"type": "array", "items": {"type": "string", "enum": accepted}},
                "style": "form",
                "explode": False,
            }
        ]


class StrictBooleanField(forms.Field):
    """true or false; anything else is refused (unlike NullBooleanField, which ignores it)."""

    default_error_messages = {"invalid": _("Use true or false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, False):
            return value
        text = str(value).lower()
        if text == "true":
            return True
        if text == "false":
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    """A boolean query parameter: true or false, else a 400 naming it."""

    field_class = StrictBooleanField


class CountryField(ChoiceField):
    """An ISO 3166-1 alpha-2 code, in either case (normalised to upper case)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.upper() if isinstance(value, str) else value


COUNTRY_HELP = _("Country: ISO 3166-1 alpha-2 code, e.g. NG (case-insensitive)")


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", _country_choices)
        kwargs.setdefault("label", COUNTRY_HELP)
        super().__init__(*args, **kwargs)


def with_stakeholder_group(queryset, group):
    """The directory's "group" filter (Workstream.objects.with_stakeholder_group)."""
    return queryset.with_stakeholder_group(group)


class WorkstreamFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Workstream.Kind.choices)
    status = django_filters.ChoiceFilter(
        choices=Workstream.Status.choices,
        label=_("Status; without it, recognised (public) workstreams only (R-NRI-4)"),
    )
    level = django_filters.ChoiceFilter(
        field_name="nri_level", choices=Workstream.NriLevel.choices, label=_("NRI level")
    )
    region = django_filters.ChoiceFilter(
        field_name="un_regional_group", choices=RegionalGroup.choices, label=_("UN regional group")
    )
    country = CountryFilter()
    group = django_filters.ModelChoiceFilter(
        queryset=StakeholderGroup.objects.active(),
        to_field_name="slug",
        method="filter_group",
        label=_("Stakeholder group (slug) of its representatives or organising committee"),
    )
    youth = StrictBooleanFilter(
        method="filter_youth",
        label=_("true: Youth IGFs only; false: NRIs that are not Youth IGFs (no other kinds)"),
    )

    class Meta:
        model = Workstream
        fields = ["kind", "status", "level", "region", "country", "group", "youth"]

    def filter_queryset(self, queryset):
        # As on the website's directory (R-NRI-4): without a status, recognised workstreams
        # only, whoever asks; a status shows those of it that the reader may see.
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.public()
        return super().filter_queryset(queryset)

    def filter_group(self, queryset, name, value: str):
        return with_stakeholder_group(queryset, value) if value else queryset

    def filter_youth(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(kind=Workstream.Kind.NRI, is_youth=value)


class NriFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        field_name="nri_level", choices=Workstream.NriLevel.choices, label=_("NRI level")
    )
    region = django_filters.ChoiceFilter(
        field_name="un_regional_group", choices=RegionalGroup.choices, label=_("UN regional group")
    )
    country = CountryFilter()
    youth = StrictBooleanFilter(
        field_name="is_youth",
        label=_("true: Youth IGFs only; false: NRIs that are not Youth IGFs"),
    )

    class Meta:
        model = Workstream
        fields = ["level", "region", "country", "youth"]


class MagMemberFilter(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(
        field_name="stakeholder_group",
        queryset=StakeholderGroup.objects.all(),
        to_field_name="slug",
        label=_("Stakeholder group (slug)"),
    )
    region = django_filters.ChoiceFilter(
        field_name="un_regional_group", choices=RegionalGroup.choices, label=_("UN regional group")
    )
    country = CountryFilter()

    class Meta:
        model = MagTerm
        fields = ["group", "region", "country"]


class LiaisonFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=LiaisonAssignment.Kind.choices)
    workstream = django_filters.CharFilter(
        field_name="workstream__slug", label=_("Workstream (slug)")
    )

    class Meta:
        model = LiaisonAssignment
        fields = ["kind", "workstream"]


WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class MeetingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)
    workstream = django_filters.CharFilter(
        field_name="workstream__slug", label=_("Workstream (slug)")
    )
    mag = StrictBooleanFilter(
        field_name="workstream",
        lookup_expr="isnull",
        label=_("true: the MAG's own meetings only; false: workstreams' meetings only"),
    )
    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES, method="filter_when", label=_("Upcoming (not yet ended) or past")
    )
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = ["kind", "status", "workstream", "mag", "when", "starts_after", "starts_before"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        return queryset


class MilestoneFilter(django_filters.FilterSet):
    start_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    start_before = django_filters.DateFilter(field_name="start", lookup_expr="lt")
    is_deadline = StrictBooleanFilter(label=_("true: deadlines only; false: other milestones"))

    class Meta:
        model = Milestone
        fields = ["start_after", "start_before", "is_deadline"]


class ActionItemFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ActionItem.Status.choices)
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lt")
    deadline_after = django_filters.DateFilter(field_name="deadline", lookup_expr="gte")

    class Meta:
        model = ActionItem
        fields = ["status", "deadline_before", "deadline_after"]
