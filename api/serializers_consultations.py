"""What the API shows of consultations, and the bodies of its writes.

Privacy by construction: no serializer here names an email address, an unpublished draft, a
hidden comment or contribution, or a person who did not consent to be named
(`named_in_output`). Times are ISO 8601 in UTC whatever the reader's time zone.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consultations.forms import CommentForm
from consultations.forms_outputs import ContributionForm
from consultations.models import (
    Comment,
    Consultation,
    Contribution,
    Draft,
    Language,
    Message,
    Output,
    Paragraph,
    Phase,
)
from consultations.outputs import permanent_pdf_url
from consultations.services import COMMENT_MAX

SAY_ON_WHOSE_BEHALF = ContributionForm.base_fields["on_behalf_of"].error_messages["required"]
WRITE_YOUR_COMMENT = CommentForm.base_fields["body"].error_messages["required"]


class UtcDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC ("2026-11-23T14:00:00Z"), never in the reader's local time zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default_timezone", dt.UTC)
        super().__init__(**kwargs)


class UtcModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **{
            model_field: UtcDateTimeField
            for model_field, field in serializers.ModelSerializer.serializer_field_mapping.items()
            if field is serializers.DateTimeField
        },
    }


def _absolute(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def _named(obj):
    """The author's public name, only when they agreed to be named (never their email)."""
    return obj.author.public_name if obj.named_in_output else None


# ---- Consultations and phases ----------------------------------------------------------------


class PhaseSerializer(UtcModelSerializer):
    is_open = serializers.SerializerMethodField(help_text="Whether the phase is running now.")
    draft_version = serializers.SerializerMethodField(
        help_text="The draft a comment window opens for comment."
    )

    class Meta:
        model = Phase
        fields = ["id", "kind", "title", "opens_at", "closes_at", "is_open", "draft_version"]

    def get_is_open(self, phase) -> bool:
        # As the services see it: a closed consultation runs no phase, whatever its dates.
        if phase.consultation.status == Consultation.Status.CLOSED:
            return False
        return phase.is_open(self.context.get("now") or timezone.now())

    def get_draft_version(self, phase) -> int | None:
        # Only a published draft ever has a comment window (R-CON-1).
        return phase.draft.version if phase.draft_id else None


class ConsultationSerializer(UtcModelSerializer):
    workstream = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api:consultation-detail", lookup_field="slug"
    )
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "slug",
            "title",
            "summary",
            "workstream",
            "status",
            "language",
            "is_policy_network_output",
            "url",
            "web_url",
            "created",
            "updated",
        ]

    def get_web_url(self, consultation) -> str:
        return _absolute(self.context, reverse("consultations:detail", args=[consultation.slug]))


LINKS = {
    "drafts": "api:consultation-drafts",
    "contributions": "api:consultation-contributions",
    "contributions_summary": "api:consultation-contributions-summary",
    "messages": "api:consultation-messages",
    "outputs": "api:consultation-outputs",
}


class ConsultationDetailSerializer(ConsultationSerializer):
    phases = PhaseSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "phases", "links"]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {name: {"type": "string", "format": "uri"} for name in LINKS},
        }
    )
    def get_links(self, consultation):
        return {
            key: _absolute(self.context, reverse(name, args=[consultation.slug]))
            for key, name in LINKS.items()
        }


# ---- Drafts and paragraphs -------------------------------------------------------------------


class ParagraphSerializer(serializers.ModelSerializer):
    html = serializers.CharField(read_only=True, help_text="Sanitised HTML of the paragraph.")

    class Meta:
        model = Paragraph
        fields = ["number", "anchor", "html", "is_heading", "comment_count"]


class DraftSerializer(UtcModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Draft
        fields = ["version", "title", "language", "is_outcome_document", "published_at", "url"]

    def get_url(self, draft) -> str:
        return _absolute(
            self.context,
            reverse("api:draft-detail", args=[draft.consultation.slug, draft.version]),
        )


class DraftDetailSerializer(DraftSerializer):
    paragraphs = ParagraphSerializer(many=True, read_only=True)
    web_url = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()
    dispositions_csv = serializers.SerializerMethodField(
        help_text="The disposition register of this version, as CSV (R-CON-5)."
    )

    class Meta(DraftSerializer.Meta):
        fields = [
            *DraftSerializer.Meta.fields,
            "web_url",
            "comments",
            "dispositions_csv",
            "paragraphs",
        ]

    def _link(self, draft, name):
        return _absolute(self.context, reverse(name, args=[draft.consultation.slug, draft.version]))

    def get_web_url(self, draft) -> str:
        return self._link(draft, "consultations:draft")

    def get_comments(self, draft) -> str:
        return self._link(draft, "api:draft-comments")

    def get_dispositions_csv(self, draft) -> str:
        return self._link(draft, "consultations:dispositions-csv")


# ---- Comments --------------------------------------------------------------------------------


class CommentSerializer(UtcModelSerializer):
    paragraph = serializers.IntegerField(source="paragraph.number", read_only=True)
    parent = serializers.IntegerField(
        source="parent_id", read_only=True, allow_null=True, help_text="The comment replied to."
    )
    author = serializers.SerializerMethodField(
        help_text="The author's public name if they agreed to be named; otherwise null."
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "paragraph",
            "parent",
            "author",
            "body",
            "language",
            "named_in_output",
            "created",
        ]

    def get_author(self, comment) -> str | None:
        return _named(comment)


class CommentCreateSerializer(serializers.Serializer):
    """A comment or a reply; the comment service applies the website's rules (R-CON-2)."""

    body = serializers.CharField(
        max_length=COMMENT_MAX,
        # The website's words for the same mistake.
        error_messages={"required": WRITE_YOUR_COMMENT, "blank": WRITE_YOUR_COMMENT},
    )
    language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)
    named_in_output = serializers.BooleanField(default=False)
    parent = serializers.IntegerField(
        required=False, allow_null=True, help_text="The id of the comment replied to."
    )


# ---- Contributions ---------------------------------------------------------------------------


class ContributionSerializer(UtcModelSerializer):
    author = serializers.SerializerMethodField(
        help_text="The contributor's public name if they agreed to be named; otherwise null."
    )
    organisation = serializers.SerializerMethodField(
        help_text="The organisation spoken for, if the contributor agreed to be named."
    )
    on_behalf_workstream = serializers.SerializerMethodField(
        help_text="The slug of the NRI, DC or BPF spoken for, if the contributor agreed."
    )
    file_url = serializers.SerializerMethodField(
        help_text="The website's download address of the file (permission-checked)."
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "title",
            "text",
            "on_behalf_of",
            "author",
            "organisation",
            "on_behalf_workstream",
            "language",
            "named_in_output",
            "file_url",
            "content_type",
            "size",
            "created",
        ]

    def get_author(self, contribution) -> str | None:
        return _named(contribution)

    def get_organisation(self, contribution) -> str | None:
        return (contribution.organisation or None) if contribution.named_in_output else None

    def get_on_behalf_workstream(self, contribution) -> str | None:
        if not contribution.named_in_output or contribution.on_behalf_workstream_id is None:
            return None
        return contribution.on_behalf_workstream.slug

    def get_file_url(self, contribution) -> str | None:
        if not contribution.file:
            return None
        path = reverse(
            "consultations:contribution-file",
            args=[contribution.consultation.slug, contribution.pk],
        )
        return _absolute(self.context, path)


class ContributionCreateSerializer(serializers.Serializer):
    """A contribution to the call open now (R-CON-4), checked by the website's service."""

    title = serializers.CharField(allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, help_text="PDF, DOCX or ODT.")
    on_behalf_of = serializers.ChoiceField(
        choices=Contribution.OnBehalf.choices,
        error_messages={"required": SAY_ON_WHOSE_BEHALF, "null": SAY_ON_WHOSE_BEHALF},
    )
    organisation = serializers.CharField(required=False, allow_blank=True, default="")
    on_behalf_workstream = serializers.SlugField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The slug of the NRI, DC or BPF you contribute for.",
    )
    language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)
    named_in_output = serializers.BooleanField(default=False)


class OriginCountSerializer(serializers.Serializer):
    origin = serializers.CharField(help_text="One of the values of on_behalf_of.")
    label = serializers.CharField()
    count = serializers.IntegerField()
    phrase = serializers.CharField(help_text="As a report says it: “2 of 3 from NRIs”.")


class ContributionSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    rows = OriginCountSerializer(many=True)


# ---- Messages and outputs --------------------------------------------------------------------


class ParagraphRefSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="draft.version")
    number = serializers.IntegerField()


class MessageSerializer(UtcModelSerializer):
    paragraphs = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField(help_text="Ids of the visible comments cited.")

    class Meta:
        model = Message
        fields = ["id", "kind", "title", "body", "position", "paragraphs", "comments", "updated"]

    @extend_schema_field(ParagraphRefSerializer(many=True))
    def get_paragraphs(self, message):
        # Prefetched with published drafts only; hidden comments are left out likewise.
        return ParagraphRefSerializer(message.shown_paragraphs, many=True).data

    def get_comments(self, message) -> list[int]:
        return [comment.pk for comment in message.shown_comments]


class OutputSerializer(UtcModelSerializer):
    pdf_url = serializers.SerializerMethodField(help_text="The PDF's permanent, versioned URL.")
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Output
        fields = ["version", "title", "pdf_url", "html_url", "rendered_at", "created"]

    def get_pdf_url(self, output) -> str:
        return permanent_pdf_url(output)

    def get_html_url(self, output) -> str:
        path = reverse("consultations:output", args=[output.consultation.slug, output.version])
        return _absolute(self.context, path)


# ---- Action items ----------------------------------------------------------------------------


class ActionItemDoneSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ActionItemStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_changed_at = UtcDateTimeField()


# ---- Errors ----------------------------------------------------------------------------------


class ErrorBodyItemSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text="The field at fault, or null.")
    message = serializers.CharField()
    rule = serializers.CharField(allow_null=True, help_text="The domain rule broken, if one is.")


class ErrorBodySerializer(serializers.Serializer):
    """The one error body of the API (api.errors)."""

    errors = ErrorBodyItemSerializer(many=True)
