"""Where domain apps plug into timelines, without timelines importing them.

- Reminder kinds: each knows which notifications are due now, in batches.
- Actor roles: roles in a workstream that can be named as actors of an action item
  ("its coordinators"), and how to resolve them to people, in one query per batch.
- The workstream policy: who may manage a workstream's timeline and action items.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Occasion:
    """One notification to record: for whom, about what, which time, and what it says.

    subject is at most 80 characters and occasion at most 40 (the outbox's columns).
    """

    recipient_id: int
    subject: str
    occasion: str
    url: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ReminderKind:
    key: str
    category: str
    # collect(now, batch_size) yields lists of Occasions, each list from a bounded number of
    # queries, never a query per item.
    collect: Callable[..., Iterable[list[Occasion]]]
    # The email body: timelines/emails/kinds/<template>.txt and .html.
    template: str
    # The one-line title shown in the notification centre, from an Occasion's context.
    title: Callable[[dict], str]


KINDS: dict[str, ReminderKind] = {}


def no_scheduled_occasions(now, batch_size):
    """collect for a kind recorded when something happens (news, a decision), never by beat."""
    return iter(())


def register_kind(kind):
    if kind.key in KINDS:
        raise ValueError(f"reminder kind {kind.key!r} is registered twice")
    KINDS[kind.key] = kind
    return kind


def kind(key):
    return KINDS[key]


@dataclass
class WorkstreamPolicy:
    """Filled in by the workstreams app when it starts."""

    # (user, workstream) -> bool
    can_manage: Callable = lambda user, workstream: False
    # (user, workstream) -> bool
    can_view: Callable = lambda user, workstream: False
    # [(value, label)] of roles that can be actors
    actor_roles: list = field(default_factory=list)
    # (pairs: iterable of (workstream_id, role)) -> {(workstream_id, role): set(user_ids)}
    resolve_roles: Callable = lambda pairs: {}
    # (user) -> {(workstream_id, role)} the roles this person holds
    roles_of: Callable = lambda user: set()


policy = WorkstreamPolicy()


def register_workstream_policy(**callables):
    for name, value in callables.items():
        if not hasattr(policy, name):
            raise AttributeError(name)
        setattr(policy, name, value)


# ---- Calendar sources: timed events (meetings) in each person's iCal feed ----------------------


@dataclass(frozen=True)
class CalendarEvent:
    """One timed event for a person's feed. start and end are aware datetimes (written in
    UTC); uid is unique within the portal, e.g. "meeting-12"."""

    uid: str
    summary: str
    start: object
    end: object = None
    url: str = ""
    description: str = ""
    location: str = ""
    stamp: object = None
    cancelled: bool = False


# fn(user) -> iterable of CalendarEvent, from a bounded number of queries.
CALENDAR_SOURCES: list[Callable] = []


def register_calendar_source(source):
    """Add a source of timed events to personal calendars (mag registers its meetings)."""
    if source not in CALENDAR_SOURCES:
        CALENDAR_SOURCES.append(source)
    return source


def calendar_events_for(user):
    for source in CALENDAR_SOURCES:
        yield from source(user)
