"""The consultation endpoints of /api/v1/: reads of what the website shows the same person,
and the three writes (a comment, a contribution, an action item done) through the services
the website uses, so the same rules refuse with the same messages.

Tenant first, permission second: a consultation the person may not see answers 404, like a
missing one. The visibility of every row comes from the apps' QuerySet methods and
permissions.py (see api_consultations), never from a rule written here.
"""

from django.conf import settings
from django.db.models import Max, Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, permissions, status, viewsets
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations import services
from consultations.contributions import origin_counts, submit_contribution, visible_contributions
from consultations.messages import live_messages
from consultations.models import (
    Comment,
    Consultation,
    Contribution,
    Draft,
    Message,
    Output,
    Paragraph,
    Phase,
)
from timelines import services as timeline_services
from timelines.models import ActionItem
from workstreams import permissions as workstream_permissions
from workstreams.models import Workstream

from . import serializers_consultations as s
from .filters_consultations import CommentFilter, ConsultationFilter, ContributionFilter
from .filters_workstreams import StableOrderingFilter

TAG = "consultations"
ERRORS = {
    400: OpenApiResponse(s.ErrorBodySerializer, description="A filter or a value is refused."),
    404: OpenApiResponse(s.ErrorBodySerializer, description="Missing, or not visible to you."),
    429: OpenApiResponse(s.ErrorBodySerializer, description="Too many requests."),
}
WRITE_ERRORS = {
    **ERRORS,
    400: OpenApiResponse(
        s.ErrorBodySerializer,
        description="Refused by a rule: the message is the website's, with the rule's ID.",
    ),
    401: OpenApiResponse(s.ErrorBodySerializer, description="Authentication is needed."),
    403: OpenApiResponse(s.ErrorBodySerializer, description="You may not do this."),
}
# Path parameters as Django's converters match them (<slug:…>, <int:…>): anything else is no
# URL of the API at all.
# The settings' backends, with ?ordering= checked against the view's ordering_fields (400).
FILTER_BACKENDS = [DjangoFilterBackend, StableOrderingFilter, SearchFilter]
SLUG_SCHEMA = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}
INT_SCHEMA = {"type": "integer", "minimum": 0}
SLUG = OpenApiParameter(
    "slug", SLUG_SCHEMA, OpenApiParameter.PATH, description="The consultation's slug."
)
VERSION = OpenApiParameter(
    "version", INT_SCHEMA, OpenApiParameter.PATH, description="The draft's version."
)


def api_consultations(user):
    """Consultations the API shows this person: published ones whose workstream they may see.

    For a published consultation this is permissions.can_view_consultation as a filter (it
    defers to the workstream's visibility); consultations being prepared stay on the website,
    where their editors work on them."""
    return Consultation.objects.visible_to(user).published().select_related("workstream")


def get_consultation(request, slug):
    return get_object_or_404(api_consultations(request.user), slug=slug)


def published_drafts(consultation):
    return Draft.objects.filter(consultation=consultation, status=Draft.Status.PUBLISHED)


def _last_modified(response, *moments):
    moments = [moment for moment in moments if moment is not None]
    if moments:
        response["Last-Modified"] = http_date(max(moments).timestamp())
    return response


class ConsultationScoped:
    """A view under /consultations/{slug}/: the consultation is loaded once, visibility first."""

    def consultation(self):
        if not hasattr(self, "_consultation"):
            self._consultation = get_consultation(self.request, self.kwargs["slug"])
        return self._consultation


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([permissions.AllowAny])
def not_found(request, *args, **kwargs):
    """Every other URL under /api/v1/ (the last pattern): the API's JSON 404, never a page.

    A real route asked without its trailing slash is still redirected, as CommonMiddleware
    did before this pattern matched everything."""
    path = request.path_info
    if settings.APPEND_SLASH and not path.endswith("/") and "\x00" not in path:
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise NotFound()


# ---- Consultations ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        tags=[TAG],
        summary="Consultations under way or closed, visible to you",
        responses={200: s.ConsultationSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        tags=[TAG],
        summary="One consultation with its phases (times in UTC)",
        parameters=[SLUG],
        responses={200: s.ConsultationDetailSerializer, **ERRORS},
    ),
)
class ConsultationViewSet(viewsets.ReadOnlyModelViewSet):
    """Published consultations whose workstream you may see."""

    filter_backends = FILTER_BACKENDS

    lookup_field = "slug"
    filterset_class = ConsultationFilter
    search_fields = ["title"]
    ordering_fields = ["created", "updated", "title"]
    ordering = ["-created", "pk"]

    def get_queryset(self):
        queryset = api_consultations(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("phases", queryset=Phase.objects.select_related("draft"))
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.ConsultationDetailSerializer
        return s.ConsultationSerializer

    def retrieve(self, request, *args, **kwargs):
        consultation = self.get_object()
        response = Response(self.get_serializer(consultation).data)
        phases = [phase.updated for phase in consultation.phases.all()]
        return _last_modified(response, consultation.updated, *phases)


# ---- Drafts and comments ---------------------------------------------------------------------


@extend_schema(
    tags=[TAG],
    summary="The published drafts of a consultation",
    parameters=[SLUG],
    responses={200: s.DraftSerializer(many=True), **ERRORS},
)
class DraftList(ConsultationScoped, generics.ListAPIView):
    """Published versions only; a version being edited stays on the website."""

    filter_backends = FILTER_BACKENDS

    serializer_class = s.DraftSerializer
    ordering_fields = ["version", "published_at"]
    ordering = ["version"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Draft.objects.none()
        return published_drafts(self.consultation()).select_related("consultation")


@extend_schema(
    tags=[TAG],
    summary="One published draft with its numbered paragraphs",
    parameters=[SLUG, VERSION],
    responses={200: s.DraftDetailSerializer, **ERRORS},
)
class DraftDetail(ConsultationScoped, generics.RetrieveAPIView):
    """Paragraphs carry their number, anchor, sanitised HTML and visible comment count."""

    filter_backends = []  # one object: no filters, no ordering

    serializer_class = s.DraftDetailSerializer
    lookup_field = "version"

    def get_queryset(self):
        return (
            published_drafts(self.consultation())
            .select_related("consultation")
            .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.order_by("number")))
        )

    def retrieve(self, request, *args, **kwargs):
        draft = self.get_object()
        response = Response(self.get_serializer(draft).data)
        # A paragraph's comment count moves with every comment posted or hidden.
        last_comment = Comment.objects.filter(draft=draft).aggregate(last=Max("updated"))["last"]
        return _last_modified(response, draft.updated, last_comment)


@extend_schema(
    tags=[TAG],
    summary="The visible comments on a published draft",
    description=(
        "Replies carry their parent's id. The author is named only when they agreed to be "
        "named in the output; otherwise `author` is null."
    ),
    parameters=[SLUG, VERSION],
    responses={200: s.CommentSerializer(many=True), **ERRORS},
)
class CommentList(ConsultationScoped, generics.ListAPIView):
    """Visible comments only; a hidden comment never appears."""

    filter_backends = FILTER_BACKENDS

    serializer_class = s.CommentSerializer
    filterset_class = CommentFilter
    ordering_fields = ["created"]
    ordering = ["paragraph__number", "created", "pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        draft = get_object_or_404(
            published_drafts(self.consultation()), version=self.kwargs["version"]
        )
        return (
            Comment.objects.visible()
            .filter(draft=draft)
            .select_related("paragraph", "author__profile")
        )


@extend_schema(
    tags=[TAG],
    summary="Comment on a paragraph, or reply to a comment (R-CON-2)",
    description=(
        "Accepted while the draft's comment window is open (opens_at <= now < closes_at, UTC), "
        "from a person with a verified email address, within the hourly limit. Refusals answer "
        "400 with the website's message and the rule's ID."
    ),
    parameters=[
        SLUG,
        VERSION,
        OpenApiParameter(
            "number", INT_SCHEMA, OpenApiParameter.PATH, description="The paragraph's number."
        ),
    ],
    request=s.CommentCreateSerializer,
    responses={201: s.CommentSerializer, **WRITE_ERRORS},
)
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated])
def comment_create(request, slug, version, number):
    consultation = get_consultation(request, slug)
    draft = get_object_or_404(published_drafts(consultation), version=version)
    draft.consultation = consultation
    paragraph = get_object_or_404(Paragraph, draft=draft, number=number)
    paragraph.draft = draft
    serializer = s.CommentCreateSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    parent = None
    if data.get("parent") is not None:
        parent = Comment.objects.filter(pk=data["parent"], paragraph=paragraph).first()
        if parent is None:
            # The website's words for the same mistake.
            raise ValidationError(
                {"parent": ["The comment you replied to is not on this paragraph."]}
            )
    comment = services.post_comment(
        paragraph=paragraph,
        actor=request.user,
        body=data["body"],
        language=data["language"],
        named_in_output=data["named_in_output"],
        parent=parent,
    )
    comment = Comment.objects.select_related("paragraph", "author__profile").get(pk=comment.pk)
    return Response(
        s.CommentSerializer(comment, context={"request": request}).data,
        status=status.HTTP_201_CREATED,
    )


# ---- Contributions ---------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=[TAG],
        summary="The visible contributions to a consultation (R-CON-4)",
        description="Names (person, organisation, workstream) only where the contributor agreed.",
        parameters=[SLUG],
        responses={200: s.ContributionSerializer(many=True), **ERRORS},
    ),
    post=extend_schema(
        tags=[TAG],
        summary="Contribute to the call open now (R-CON-4)",
        description="Multipart with an optional PDF, DOCX or ODT file of at most 10 MB.",
        parameters=[SLUG],
        request={
            "multipart/form-data": s.ContributionCreateSerializer,
            "application/json": s.ContributionCreateSerializer,
        },
        responses={201: s.ContributionSerializer, **WRITE_ERRORS},
    ),
)
class ContributionList(ConsultationScoped, generics.ListCreateAPIView):
    """Visible contributions; withdrawn and hidden ones never appear."""

    filter_backends = FILTER_BACKENDS

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_class = ContributionFilter
    search_fields = ["title"]
    ordering_fields = ["created", "title"]
    ordering = ["-created", "-pk"]

    def get_serializer_class(self):
        if self.request is not None and self.request.method == "POST":
            return s.ContributionCreateSerializer
        return s.ContributionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Contribution.objects.none()
        return visible_contributions(self.consultation()).select_related(
            "consultation", "author__profile", "on_behalf_workstream"
        )

    def create(self, request, *args, **kwargs):
        consultation = self.consultation()
        serializer = s.ContributionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        workstream = None
        if data.get("on_behalf_workstream"):
            workstream = (
                Workstream.objects.visible_to(request.user)
                .filter(slug=data["on_behalf_workstream"])
                .first()
            )
            if workstream is None:
                raise ValidationError({"on_behalf_workstream": ["No workstream has this slug."]})
        contribution = submit_contribution(
            consultation=consultation,
            actor=request.user,
            title=data["title"],
            on_behalf_of=data["on_behalf_of"],
            text=data["text"],
            uploaded_file=data.get("file"),
            organisation=data["organisation"],
            on_behalf_workstream=workstream,
            language=data["language"],
            named_in_output=data["named_in_output"],
        )
        contribution = Contribution.objects.select_related(
            "consultation", "author__profile", "on_behalf_workstream"
        ).get(pk=contribution.pk)
        return Response(
            s.ContributionSerializer(contribution, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(
    tags=[TAG],
    summary="How many visible contributions came from each kind of origin (R-CON-4)",
    parameters=[SLUG],
    responses={200: s.ContributionSummarySerializer, **ERRORS},
)
class ContributionSummary(ConsultationScoped, APIView):
    """Counts of visible contributions by origin, as a report states them."""

    def get(self, request, slug):
        return Response(s.ContributionSummarySerializer(origin_counts(self.consultation())).data)


# ---- Messages and outputs --------------------------------------------------------------------


@extend_schema(
    tags=[TAG],
    summary="The live outcome messages, with the paragraphs and comments cited (R-CON-7)",
    parameters=[SLUG],
    responses={200: s.MessageSerializer(many=True), **ERRORS},
)
class MessageList(ConsultationScoped, generics.ListAPIView):
    """Live messages; withdrawn ones never appear."""

    filter_backends = FILTER_BACKENDS

    serializer_class = s.MessageSerializer
    ordering_fields = ["position", "updated"]
    ordering = ["position", "pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Message.objects.none()
        # Only paragraphs of published drafts and visible comments are cited in public.
        return (
            live_messages(self.consultation())
            .prefetch_related(None)
            .prefetch_related(
                Prefetch(
                    "paragraphs",
                    queryset=Paragraph.objects.filter(draft__status=Draft.Status.PUBLISHED)
                    .select_related("draft")
                    .order_by("draft__version", "number"),
                    to_attr="shown_paragraphs",
                ),
                Prefetch(
                    "comments",
                    queryset=Comment.objects.visible().order_by("pk"),
                    to_attr="shown_comments",
                ),
            )
        )


@extend_schema(
    tags=[TAG],
    summary="The published outputs with their permanent PDF addresses (R-CON-6)",
    parameters=[SLUG],
    responses={200: s.OutputSerializer(many=True), **ERRORS},
)
class OutputList(ConsultationScoped, generics.ListAPIView):
    """Outputs whose rendering is ready."""

    filter_backends = FILTER_BACKENDS

    serializer_class = s.OutputSerializer
    ordering_fields = ["version", "created"]
    ordering = ["-version"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Output.objects.none()
        return Output.objects.filter(
            consultation=self.consultation(), render_status=Output.RenderStatus.READY
        ).select_related("consultation")


# ---- Action items ----------------------------------------------------------------------------


@extend_schema(
    tags=["action items"],
    summary="Mark one of your action items done (R-PN-10)",
    description="Its actors (named or through a role) and the workstream's coordinators only.",
    parameters=[OpenApiParameter("id", INT_SCHEMA, OpenApiParameter.PATH)],
    request=s.ActionItemDoneSerializer,
    responses={200: s.ActionItemStatusSerializer, **WRITE_ERRORS},
)
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated])
@parser_classes([JSONParser, FormParser, MultiPartParser])
def action_item_done(request, id):
    item = ActionItem.objects.select_related("workstream").filter(pk=id).first()
    if item is None or not workstream_permissions.can_view_workstream(
        request.user, item.workstream
    ):
        raise NotFound
    serializer = s.ActionItemDoneSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    item = timeline_services.complete_action_item(
        item=item, actor=request.user, note=serializer.validated_data["note"]
    )
    return Response(s.ActionItemStatusSerializer(item).data)
