"""What the API shows of workstreams, NRIs, the MAG, meetings and timelines.

Only public facts: a person appears by their public name and the profile fields they chose to
make public; emails, attendance, registrations, removed rows and private notes never appear.
Times are ISO 8601 in UTC.
"""

import datetime as dt
import zoneinfo
from collections import defaultdict

from django.db import models
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mag.models import AgendaDay, AgendaItem, LiaisonAssignment, MagTerm, Meeting
from timelines.models import ActionItem, Milestone
from workstreams.models import Workstream
from workstreams.timeline_policy import ACTOR_ROLES


class UTCDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC ("…Z") whatever time zone the reader's session has activated."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default_timezone", dt.UTC)
        super().__init__(*args, **kwargs)


class BaseSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UTCDateTimeField,
    }


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


# ---- People ------------------------------------------------------------------------------------


class PublicPersonSerializer(serializers.Serializer):
    """A person as Profile.public_fields shows them: the name, and only what they made public."""

    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    stakeholder_group = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()
    un_regional_group = serializers.SerializerMethodField()
    gender = serializers.SerializerMethodField()

    @staticmethod
    def _profile(user):
        return getattr(user, "profile", None)

    def get_name(self, user) -> str:
        return str(user.public_name)

    def get_organisation(self, user) -> str | None:
        profile = self._profile(user)
        if profile and profile.public_organisation and profile.organisation:
            return profile.organisation
        return None

    def get_stakeholder_group(self, user) -> str | None:
        profile = self._profile(user)
        if profile and profile.public_stakeholder_group and profile.stakeholder_group_id:
            return profile.stakeholder_group.slug
        return None

    def get_country(self, user) -> str | None:
        profile = self._profile(user)
        if profile and profile.public_country and profile.country:
            return profile.country.code
        return None

    def get_un_regional_group(self, user) -> str | None:
        profile = self._profile(user)
        if profile and profile.public_country and profile.un_regional_group:
            return profile.un_regional_group
        return None

    def get_gender(self, user) -> str | None:
        profile = self._profile(user)
        if profile and profile.public_gender and profile.gender:
            return str(profile.gender_label)
        return None


class MembershipPersonSerializer(PublicPersonSerializer):
    """A coordinator or member of a workstream (a Membership row), shown as a public person."""

    def to_representation(self, membership):
        return super().to_representation(membership.user)


# ---- Workstreams and NRIs ---------------------------------------------------------------------


class WorkstreamSerializer(BaseSerializer):
    """One row of the public directory."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    cycle = serializers.IntegerField(source="cycle.year", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Workstream
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "status",
            "description",
            "cycle",
            "nri_level",
            "is_youth",
            "country",
            "country_name",
            "region_name",
            "un_regional_group",
            "url",
            "web_url",
            "created",
            "updated",
        ]

    def get_url(self, workstream) -> str:
        return _absolute(
            self.context.get("request"),
            reverse("api:workstream-detail", kwargs={"slug": workstream.slug}),
        )

    def get_web_url(self, workstream) -> str:
        return _absolute(self.context.get("request"), workstream.get_absolute_url())


class NriFactsSerializer(serializers.Serializer):
    level = serializers.CharField(source="nri_level")
    country = serializers.CharField(source="country.code")
    country_name = serializers.CharField(source="country.name")
    region_name = serializers.CharField()
    un_regional_group = serializers.CharField()
    is_youth = serializers.BooleanField()


class BpfFactsSerializer(serializers.Serializer):
    methodology = serializers.CharField()
    cycle = serializers.IntegerField(source="cycle.year", allow_null=True)


class PeopleSerializer(serializers.Serializer):
    coordinators = MembershipPersonSerializer(many=True)
    members = MembershipPersonSerializer(many=True)
    member_total = serializers.IntegerField()


class WorkstreamDetailSerializer(WorkstreamSerializer):
    """A workstream's page: kind-specific facts, its lists and its public people."""

    nri = serializers.SerializerMethodField()
    bpf = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    milestones_url = serializers.SerializerMethodField()
    action_items_url = serializers.SerializerMethodField()
    news_feed_url = serializers.SerializerMethodField()

    class Meta(WorkstreamSerializer.Meta):
        fields = [
            *WorkstreamSerializer.Meta.fields,
            "methodology",
            "mailing_list",
            "archive_url",
            "time_zone",
            "nri",
            "bpf",
            "people",
            "milestones_url",
            "action_items_url",
            "news_feed_url",
        ]

    @extend_schema_field(NriFactsSerializer(allow_null=True))
    def get_nri(self, workstream):
        if workstream.kind != Workstream.Kind.NRI:
            return None
        return NriFactsSerializer(workstream).data

    @extend_schema_field(BpfFactsSerializer(allow_null=True))
    def get_bpf(self, workstream):
        if workstream.kind != Workstream.Kind.BPF:
            return None
        return BpfFactsSerializer(workstream).data

    @extend_schema_field(PeopleSerializer)
    def get_people(self, workstream):
        # Set by the view from two bounded queries; absent when serialised elsewhere.
        people = getattr(workstream, "public_people", None) or {
            "coordinators": [],
            "members": [],
            "member_total": 0,
        }
        return PeopleSerializer(people).data

    def _url(self, name, workstream):
        return _absolute(
            self.context.get("request"), reverse(name, kwargs={"slug": workstream.slug})
        )

    def get_milestones_url(self, workstream) -> str:
        return self._url("api:workstream-milestones", workstream)

    def get_action_items_url(self, workstream) -> str:
        return self._url("api:workstream-action-items", workstream)

    def get_news_feed_url(self, workstream) -> str:
        return self._url("api:workstream-news-feed", workstream)


# ---- The MAG ------------------------------------------------------------------------------------


class MagMemberSerializer(BaseSerializer):
    """A current MAG term: public fields only; gender only if the person made it public."""

    name = serializers.SerializerMethodField()
    stakeholder_group = serializers.CharField(source="stakeholder_group.slug", read_only=True)
    stakeholder_group_name = serializers.CharField(source="stakeholder_group.name", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    cycle = serializers.IntegerField(source="cycle.year", read_only=True)
    gender = serializers.SerializerMethodField()

    class Meta:
        model = MagTerm
        fields = [
            "name",
            "stakeholder_group",
            "stakeholder_group_name",
            "country",
            "country_name",
            "un_regional_group",
            "gender",
            "cycle",
            "start",
            "end",
        ]

    def get_name(self, term) -> str:
        return str(term.user.public_name)

    def get_gender(self, term) -> str | None:
        profile = getattr(term.user, "profile", None)
        if profile is None or not profile.public_gender:
            return None
        return str(profile.gender_label) if profile.gender else None


class LiaisonSerializer(BaseSerializer):
    """An active liaison duty (R-MAG-6): who, what and where; never the notes or who assigned."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    workstream = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    workstream_name = serializers.CharField(
        source="workstream.name", read_only=True, allow_null=True
    )
    member = serializers.SerializerMethodField()

    class Meta:
        model = LiaisonAssignment
        fields = ["id", "kind", "kind_label", "workstream", "workstream_name", "member"]
        fields += ["start", "end"]

    def get_member(self, assignment) -> str:
        return str(assignment.member.public_name)


# ---- Meetings -----------------------------------------------------------------------------------


LOCAL_TIME_HELP = (
    "Local time in the meeting's `time_zone` (wall-clock, as on the printed agenda); "
    "`%s` gives the same moment in UTC."
)


def meeting_zone(meeting):
    """The meeting's time zone, or None when it names none zoneinfo knows."""
    try:
        return zoneinfo.ZoneInfo(meeting.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return None


class AgendaSubItemSerializer(BaseSerializer):
    """A lettered sub-item (a, b, c… in the agenda's order) of a numbered item."""

    letter = serializers.SerializerMethodField()
    starts = serializers.TimeField(
        read_only=True, allow_null=True, help_text=LOCAL_TIME_HELP % "starts_at"
    )
    ends = serializers.TimeField(
        read_only=True, allow_null=True, help_text=LOCAL_TIME_HELP % "ends_at"
    )
    starts_at = serializers.SerializerMethodField(
        help_text="`starts` on the day's date in the meeting's time zone, in UTC."
    )
    ends_at = serializers.SerializerMethodField(
        help_text="`ends` on the day's date (the next day if before `starts`), in UTC."
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "parent",
            "letter",
            "starts",
            "ends",
            "starts_at",
            "ends_at",
            "number",
            "title",
            "presenter",
            "is_break",
            "continued",
        ]

    def get_letter(self, item) -> str | None:
        index = getattr(item, "sub_index", None)
        return None if index is None else chr(ord("a") + index)

    def _utc(self, item, moment, after=None):
        date, zone = self.context.get("date"), self.context.get("zone")
        if moment is None or date is None or zone is None:
            return None
        if after is not None and moment < after:
            date += dt.timedelta(days=1)
        local = dt.datetime.combine(date, moment, tzinfo=zone)
        return local.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_starts_at(self, item):
        return self._utc(item, item.starts)

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_ends_at(self, item):
        return self._utc(item, item.ends, after=item.starts)


class AgendaItemSerializer(AgendaSubItemSerializer):
    """A top-level item (numbered, or a break) with its lettered sub-items, in order."""

    sub_items = serializers.SerializerMethodField()

    class Meta(AgendaSubItemSerializer.Meta):
        fields = [f for f in AgendaSubItemSerializer.Meta.fields if f != "letter"]
        fields += ["sub_items"]

    @extend_schema_field(AgendaSubItemSerializer(many=True))
    def get_sub_items(self, item):
        return AgendaSubItemSerializer(item.agenda_subs, many=True, context=self.context).data


class AgendaDaySerializer(BaseSerializer):
    """A day: its top-level items in the agenda's order, each with its sub-items nested (as
    the website's agenda page shows them)."""

    items = serializers.SerializerMethodField()

    class Meta:
        model = AgendaDay
        fields = ["date", "title", "note", "items"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_items(self, day):
        subs = defaultdict(list)
        top = []
        for item in day.items.all():  # ordered by (order, pk), as mag.views_meetings.agenda_days
            (subs[item.parent_id] if item.parent_id else top).append(item)
        for item in top:
            item.agenda_subs = subs.get(item.pk, [])
            for index, sub in enumerate(item.agenda_subs):
                sub.sub_index = index
        context = {**self.context, "date": day.date}
        return AgendaItemSerializer(top, many=True, context=context).data


class MeetingSerializer(BaseSerializer):
    """A meeting: times in UTC with its own time zone; never attendance or registrations."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    workstream = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    cycle = serializers.IntegerField(source="cycle.year", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "title",
            "kind",
            "kind_label",
            "workstream",
            "cycle",
            "purpose",
            "starts_at",
            "ends_at",
            "time_zone",
            "location",
            "remote_url",
            "open_to_observers",
            "status",
            "agenda_published",
            "url",
            "created",
            "updated",
        ]

    def get_url(self, meeting) -> str:
        return _absolute(
            self.context.get("request"),
            reverse("api:meeting-detail", kwargs={"slug": meeting.slug}),
        )


class MeetingDetailSerializer(MeetingSerializer):
    days = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "days"]

    @extend_schema_field(AgendaDaySerializer(many=True))
    def get_days(self, meeting):
        """The agenda, only once published (R-MAG-5)."""
        if not meeting.agenda_published:
            return []
        context = {**self.context, "zone": meeting_zone(meeting)}
        return AgendaDaySerializer(meeting.days.all(), many=True, context=context).data


# ---- Timelines ----------------------------------------------------------------------------------


class MilestoneSerializer(BaseSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "description", "start", "end", "is_deadline"]
        fields += ["created", "updated"]


class ActorSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    role = serializers.CharField(allow_null=True)


ROLE_LABELS = dict(ACTOR_ROLES)


class ActionItemSerializer(BaseSerializer):
    """A next step (R-PN-10); its actors by public name or role label, never an email."""

    actors = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "action", "deadline", "status", "actors", "status_changed_at"]
        fields += ["created", "updated"]

    @extend_schema_field(ActorSerializer(many=True))
    def get_actors(self, item):
        actors = []
        for actor in item.actors.all():
            if actor.user_id:
                actors.append({"name": str(actor.user.public_name), "role": None})
            else:
                actors.append({"name": None, "role": str(ROLE_LABELS.get(actor.role, actor.role))})
        return actors
