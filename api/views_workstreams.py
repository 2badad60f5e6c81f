"""Read API for workstreams, NRIs, the MAG, meetings and timelines, and their CSV exports.

Every view starts from a visibility rule that lives elsewhere: Workstream.objects.visible_to()
or .public(), workstreams.views.get_workstream (tenant first, permission second),
mag.permissions.can_view_meeting. Nothing here decides access by itself.
"""

import csv
import io

from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, renderers, viewsets
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from mag import permissions as mag_permissions
from mag.models import AgendaDay, AgendaItem, LiaisonAssignment, MagTerm, Meeting
from timelines.models import ActionItem, ActionItemActor, Milestone
from workstreams.models import Membership, Workstream
from workstreams.views import get_workstream

from . import filters_workstreams as filters
from . import serializers_workstreams as serializers

MEMBERS_SHOWN = 30  # as on the workstream's page; member_total gives the full count

WORKSTREAM_SEARCH_FIELDS = ["name", "short_name", "description", "methodology", "region_name"]
SLUG_PARAMETER = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The workstream's slug."
)


def set_last_modified(response, instance):
    response["Last-Modified"] = http_date(instance.updated.timestamp())
    return response


class LastModifiedMixin:
    """Reads of single objects carry Last-Modified (ConditionalGetMiddleware adds the ETag)."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        return set_last_modified(response, instance)


# ---- Workstreams -------------------------------------------------------------------------------


def directory_queryset(request):
    """What the reader may see of the directory (anonymous readers: recognised workstreams)."""
    return Workstream.objects.visible_to(request.user).select_related("cycle")


def attach_public_people(workstream):
    """Coordinators, the first members and the member count: three queries however many."""
    people = (
        Membership.objects.active()
        .filter(workstream=workstream)
        .select_related("user__profile__stakeholder_group")
        .order_by("created", "pk")
    )
    members = people.filter(role=Membership.Role.MEMBER)
    workstream.public_people = {
        "coordinators": list(people.filter(role=Membership.Role.COORDINATOR)),
        "members": list(members[:MEMBERS_SHOWN]),
        "member_total": members.count(),
    }
    return workstream


class DirectoryMixin:
    """The directory's rows, filters, search and ordering: shared by the JSON list and CSV."""

    queryset = Workstream.objects.none()
    filterset_class = filters.WorkstreamFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter, SearchFilter]
    ordering_fields = ["name", "created"]
    ordering = ["name"]
    search_fields = WORKSTREAM_SEARCH_FIELDS

    def get_queryset(self):
        return directory_queryset(self.request)


@extend_schema_view(
    list=extend_schema(
        summary="The workstream directory",
        description=(
            "Workstreams the reader may see: recognised ones for everyone; signed-in readers "
            "also see the proposed workstreams they belong to or review. `group` matches a "
            "DC's representatives or an NRI's organising committee. `search` looks in the "
            "name, abbreviation, description, methodology and region."
        ),
    ),
    retrieve=extend_schema(
        summary="One workstream",
        description=(
            "Kind-specific facts (`nri`, `bpf`), the mailing list and its archive, and its "
            "coordinators and members as each chose to appear in public. Carries "
            "Last-Modified and an ETag."
        ),
    ),
)
class WorkstreamViewSet(LastModifiedMixin, DirectoryMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.WorkstreamDetailSerializer
        return serializers.WorkstreamSerializer

    def get_object(self):
        return attach_public_people(get_workstream(self.request, self.kwargs["slug"]))


@extend_schema(
    summary="Recognised National, Regional and Youth IGF initiatives",
    description="Grouped by UN regional group and level unless `ordering` says otherwise.",
)
class NriListView(generics.ListAPIView):
    serializer_class = serializers.WorkstreamSerializer
    queryset = Workstream.objects.none()
    filterset_class = filters.NriFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter, SearchFilter]
    ordering_fields = ["name", "created", "un_regional_group", "nri_level"]
    ordering = ["un_regional_group", "nri_level", "name"]
    search_fields = WORKSTREAM_SEARCH_FIELDS

    def get_queryset(self):
        return Workstream.objects.public().of_kind(Workstream.Kind.NRI).select_related("cycle")


# ---- The MAG -------------------------------------------------------------------------------------


@extend_schema(
    summary="The current MAG",
    description=(
        "Terms running today: name, stakeholder group, country and UN regional group; gender "
        "only where the person made it public on their profile. Never an email."
    ),
)
class MagMemberListView(generics.ListAPIView):
    serializer_class = serializers.MagMemberSerializer
    queryset = MagTerm.objects.none()
    filterset_class = filters.MagMemberFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter]
    ordering_fields = ["start", "end"]

    def get_queryset(self):
        return (
            MagTerm.objects.current()
            .select_related("user__profile", "stakeholder_group", "cycle")
            .order_by("stakeholder_group__position", "user__profile__display_name", "pk")
        )


@extend_schema(
    summary="Active MAG liaison duties",
    description=(
        "BPF facilitators (R-BPF-3), Policy Network liaisons (R-PN-3) and the DCCG's liaison "
        "(R-DC-6), for workstreams the reader may see."
    ),
)
class LiaisonListView(generics.ListAPIView):
    serializer_class = serializers.LiaisonSerializer
    queryset = LiaisonAssignment.objects.none()
    filterset_class = filters.LiaisonFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter]
    ordering_fields = ["start", "kind"]

    def get_queryset(self):
        visible = Q(workstream__isnull=True) | Q(
            workstream__in=Workstream.objects.visible_to(self.request.user)
        )
        return (
            LiaisonAssignment.objects.active()
            .filter(visible)
            .select_related("member__profile", "workstream")
            .order_by("kind", "workstream__name", "start", "pk")
        )


# ---- Meetings ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Meetings",
        description=(
            "The MAG's meetings (public, R-MAG-5) and those of workstreams the reader may see. "
            "Times are UTC; `time_zone` is the meeting's own."
        ),
    ),
    retrieve=extend_schema(
        summary="One meeting and its agenda",
        description="`days` holds the agenda once it is published; never attendance.",
    ),
)
class MeetingViewSet(LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    queryset = Meeting.objects.none()
    filterset_class = filters.MeetingFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter, SearchFilter]
    ordering_fields = ["starts_at", "created"]
    ordering = ["starts_at"]
    search_fields = ["title", "purpose", "location"]

    def get_queryset(self):
        visible = Q(workstream__isnull=True) | Q(
            workstream__in=Workstream.objects.visible_to(self.request.user)
        )
        return Meeting.objects.filter(visible).select_related("workstream", "cycle")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MeetingDetailSerializer
        return serializers.MeetingSerializer

    def get_object(self):
        items = AgendaItem.objects.order_by("order", "pk")
        days = AgendaDay.objects.order_by("order", "date", "pk").prefetch_related(
            Prefetch("items", queryset=items)
        )
        meeting = get_object_or_404(
            Meeting.objects.select_related("workstream", "cycle").prefetch_related(
                Prefetch("days", queryset=days)
            ),
            slug=self.kwargs["slug"][:80],
        )
        if not mag_permissions.can_view_meeting(self.request.user, meeting):
            raise Http404
        return meeting


# ---- Timelines -----------------------------------------------------------------------------------


class WorkstreamScopedMixin:
    """Lists inside one workstream: 404 when the reader may not see the workstream."""

    def workstream(self):
        if not hasattr(self, "_workstream"):
            self._workstream = get_workstream(self.request, self.kwargs["slug"])
        return self._workstream


@extend_schema(
    summary="A workstream's milestones",
    description="Its timeline (R-TL-1): dated steps and periods; removed ones never appear.",
    parameters=[SLUG_PARAMETER],
)
class MilestoneListView(WorkstreamScopedMixin, generics.ListAPIView):
    serializer_class = serializers.MilestoneSerializer
    queryset = Milestone.objects.none()
    filterset_class = filters.MilestoneFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter]
    ordering_fields = ["start", "created"]
    ordering = ["start"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return Milestone.objects.current().filter(workstream=self.workstream())


@extend_schema(
    summary="A workstream's action items",
    description=(
        "Next steps with their actors and deadlines (R-PN-10): open items first. Actors "
        "appear by public name or role."
    ),
    parameters=[SLUG_PARAMETER],
)
class ActionItemListView(WorkstreamScopedMixin, generics.ListAPIView):
    serializer_class = serializers.ActionItemSerializer
    queryset = ActionItem.objects.none()
    filterset_class = filters.ActionItemFilter
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter]
    ordering_fields = ["deadline", "created"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        actors = ActionItemActor.objects.select_related("user__profile").order_by("role", "pk")
        return ActionItem.objects.filter(workstream=self.workstream()).prefetch_related(
            Prefetch("actors", queryset=actors)
        )


# ---- CSV exports ---------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell a spreadsheet will not run: text starting with = + - @ gets a leading '."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CSVRenderer(renderers.BaseRenderer):
    """Lets a client ask for text/csv; errors are written as rows too."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | str):
            return data
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["field", "message", "rule"])
        for error in (data or {}).get("errors", []):
            writer.writerow([csv_cell(error.get(key)) for key in ("field", "message", "rule")])
        return buffer.getvalue()


DIRECTORY_COLUMNS = [
    ("slug", lambda w: w.slug),
    ("name", lambda w: w.name),
    ("short_name", lambda w: w.short_name),
    ("kind", lambda w: w.kind),
    ("status", lambda w: w.status),
    ("cycle", lambda w: w.cycle.year if w.cycle_id else ""),
    ("nri_level", lambda w: w.nri_level),
    ("is_youth", lambda w: "yes" if w.is_youth else "no"),
    ("country", lambda w: w.country.code),
    ("country_name", lambda w: w.country.name),
    ("region_name", lambda w: w.region_name),
    ("un_regional_group", lambda w: w.un_regional_group),
    ("mailing_list", lambda w: w.mailing_list),
    ("archive_url", lambda w: w.archive_url),
    ("web_url", None),
    ("created", lambda w: w.created.isoformat()),
    ("updated", lambda w: w.updated.isoformat()),
]


def csv_response(request, rows, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([name for name, _value in DIRECTORY_COLUMNS])
    for workstream in rows:
        writer.writerow(
            [
                csv_cell(
                    request.build_absolute_uri(workstream.get_absolute_url())
                    if value is None
                    else value(workstream)
                )
                for _name, value in DIRECTORY_COLUMNS
            ]
        )
    return response


CSV_RESPONSES = {
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="One row per workstream."),
}


class CsvExportMixin:
    # CSV only, so no `format` parameter: ?format=json is ignored like any unknown format
    # (the forced negotiation below), and errors are JSON (handle_exception).
    renderer_classes = [CSVRenderer]
    pagination_class = None  # the whole filtered list, in one file
    filename = "export.csv"

    def perform_content_negotiation(self, request, force=False):
        # A download link followed by any client gets its file, whatever Accept it sends.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request, *args, **kwargs):
        rows = self.filter_queryset(self.get_queryset())
        return csv_response(request, rows, self.filename)

    def handle_exception(self, exc):
        # Errors keep the API's one JSON body, not the CSV renderer.
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return super().handle_exception(exc)


class WorkstreamCsvView(CsvExportMixin, DirectoryMixin, generics.GenericAPIView):
    filename = "workstreams.csv"

    @extend_schema(
        summary="The workstream directory as CSV",
        description=("The same filters, search and ordering as /api/v1/workstreams/, unpaginated."),
        responses=CSV_RESPONSES,
        filters=True,
        operation_id="workstreams_csv",
        tags=["workstreams"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NriCsvView(CsvExportMixin, NriListView):
    filename = "nris.csv"

    @extend_schema(
        summary="Recognised NRIs as CSV",
        description="The same filters and ordering as /api/v1/nris/, unpaginated.",
        responses=CSV_RESPONSES,
        filters=True,
        operation_id="nris_csv",
        tags=["nris"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
