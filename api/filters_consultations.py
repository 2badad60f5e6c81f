"""Query filters of the consultation endpoints (django-filter)."""

import django_filters

from consultations.models import Comment, Consultation, Contribution, Language


class ConsultationFilter(django_filters.FilterSet):
    workstream = django_filters.CharFilter(
        field_name="workstream__slug", label="The owning workstream's slug."
    )
    status = django_filters.ChoiceFilter(
        choices=[
            choice
            for choice in Consultation.Status.choices
            if choice[0] != Consultation.Status.PREPARING
        ]
    )

    class Meta:
        model = Consultation
        fields = ["workstream", "status"]


class CommentFilter(django_filters.FilterSet):
    paragraph = django_filters.NumberFilter(
        field_name="paragraph__number", label="The paragraph's number."
    )
    language = django_filters.ChoiceFilter(choices=Language.choices)

    class Meta:
        model = Comment
        fields = ["paragraph", "language"]


class ContributionFilter(django_filters.FilterSet):
    on_behalf_of = django_filters.ChoiceFilter(choices=Contribution.OnBehalf.choices)
    language = django_filters.ChoiceFilter(choices=Language.choices)

    class Meta:
        model = Contribution
        fields = ["on_behalf_of", "language"]
