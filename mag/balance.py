"""Reads for the MAG's balance (R-MAG-4): counts and shares by stakeholder group, UN regional
group, gender and developing country, for the current MAG and for a proposed selection.

The proposed selection for a cycle is the current members who may serve another year (their
third year not done, R-MAG-2) and the nominees in the proposed selection (or appointed). A
handful of queries whatever the MAG's size: nothing here runs a query per person.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StakeholderGroup
from accounts.regions import RegionalGroup

from .models import MAX_MAG_YEARS, Gender, MagTerm, Nomination
from .terms import years_on_the_mag

NOT_RECORDED = _("Not recorded")
NO_GROUP = _("No UN regional group")
GENDER_LABELS = {Gender.SELF_DESCRIBED: _("Self-described")}


@dataclass
class Row:
    label: str
    current: int
    current_share: int
    proposed: int
    proposed_share: int


def _share(count, total):
    return round(100 * count / total) if total else 0


def _rows(values, current, proposed):
    """values: [(key, label)] in display order; current and proposed: Counters over keys."""
    current_total = sum(current.values())
    proposed_total = sum(proposed.values())
    rows = []
    for key, label in values:
        c, p = current.get(key, 0), proposed.get(key, 0)
        rows.append(Row(str(label), c, _share(c, current_total), p, _share(p, proposed_total)))
    return rows


def _people(terms, nominations):
    """(stakeholder group id, regional group, gender, developing) for each person counted."""
    people = [
        (t.stakeholder_group_id, t.un_regional_group, t.gender, t.developing_country) for t in terms
    ]
    people += [
        (n.stakeholder_group_id, n.un_regional_group, n.gender, n.developing_country)
        for n in nominations
    ]
    return people


def _dimensions(current, proposed, groups):
    # "I describe myself as…" is the profile form's prompt; as a category it reads wrongly.
    genders = [(value, GENDER_LABELS.get(value, label)) for value, label in Gender.choices]
    group_values = [(group.pk, group.name) for group in groups]
    known_groups = {group.pk for group in groups}
    # A term may name a group the Secretariat has since retired; it is still counted.
    for person in current + proposed:
        if person[0] not in known_groups:
            known_groups.add(person[0])
            group_values.append((person[0], _("Another group")))
    dimensions = [
        ("stakeholder_group", _("Stakeholder group"), group_values, 0),
        (
            "region",
            _("UN regional group"),
            list(RegionalGroup.choices) + [("", NO_GROUP)],
            1,
        ),
        ("gender", _("Gender"), genders + [("", NOT_RECORDED)], 2),
        (
            "developing",
            _("Developing country"),
            [(True, _("From a developing country")), (False, _("From another country"))],
            3,
        ),
    ]
    result = []
    for key, label, values, index in dimensions:
        c = Counter(person[index] for person in current)
        p = Counter(person[index] for person in proposed)
        rows = _rows(values, c, p)
        # Empty categories of long lists (gender, regions) stay: a zero is part of the balance.
        result.append({"key": key, "label": label, "rows": rows})
    return result


def proposed_nominations(cycle):
    """The nominees counted in a cycle's proposed selection (or appointed from it)."""
    return Nomination.objects.filter(
        cycle=cycle, status__in=[Nomination.Status.PROPOSED, Nomination.Status.APPOINTED]
    )


def mag_balance(cycle=None, today=None):
    """R-MAG-4: the current MAG's balance beside a proposed selection for `cycle` (or the
    current MAG alone when there is no cycle to propose for)."""
    today = today or timezone.localdate()
    terms = list(MagTerm.objects.current(today).order_by("pk"))
    groups = list(StakeholderGroup.objects.active().order_by("position", "name"))
    continuing, nominations = [], []
    if cycle is not None:
        served = years_on_the_mag([t.user_id for t in terms], started_by=today)
        nominations = list(proposed_nominations(cycle).order_by("pk"))
        # A current member who is also a proposed nominee is counted once, as a nominee.
        nominee_users = {n.user_id for n in nominations if n.user_id}
        continuing = [
            t
            for t in terms
            if served.get(t.user_id, 1) < MAX_MAG_YEARS and t.user_id not in nominee_users
        ]
    current = _people(terms, [])
    proposed = _people(continuing, nominations)
    return {
        "cycle": cycle,
        "current_total": len(current),
        "proposed_total": len(proposed),
        "continuing": len(continuing),
        "nominees": len(nominations),
        "dimensions": _dimensions(current, proposed, groups),
    }
