"""Reads about MAG terms: the rotation planner for one cycle (R-MAG-2).

About one third of the MAG rotates each year and nobody serves more than three years. For a
cycle's roll the planner says who must leave (their third year is done), who may renew, who
already has, and how close the change is to one third. Three queries whatever the MAG's size.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Count

from .models import MAX_MAG_YEARS, MagTerm


@dataclass
class PlannedTerm:
    term: MagTerm
    year_on_the_mag: int  # 1, 2 or 3: which year of service this term is
    renewed: bool

    @property
    def must_leave(self):
        return self.year_on_the_mag >= MAX_MAG_YEARS

    @property
    def may_renew(self):
        return not self.must_leave and not self.renewed


@dataclass
class Rotation:
    cycle: object
    must_leave: list = field(default_factory=list)
    may_renew: list = field(default_factory=list)
    renewed: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.must_leave) + len(self.may_renew) + len(self.renewed)

    @property
    def one_third(self):
        """The number of members one third of this MAG would be (rounded to the nearest)."""
        return math.floor(self.total / 3 + 0.5)

    @property
    def leaving_at_least(self):
        return len(self.must_leave)

    @property
    def leaving_if_no_more_renew(self):
        """Those whose third year is done, and everyone not renewed so far."""
        return len(self.must_leave) + len(self.may_renew)

    def share(self, count):
        return round(100 * count / self.total) if self.total else 0

    @property
    def at_least_share(self):
        return self.share(self.leaving_at_least)

    @property
    def planned_share(self):
        return self.share(self.leaving_if_no_more_renew)

    @property
    def planned_gap(self):
        """Planned change minus one third, in members: positive means more than one third
        would leave; renewing that many of those who may renew brings it to one third."""
        return self.leaving_if_no_more_renew - self.one_third

    @property
    def planned_gap_abs(self):
        return abs(self.planned_gap)


def years_on_the_mag(users, up_to_year=None, started_by=None):
    """{user_id: number of terms held up to and including the given cycle year, or begun by
    the given day}: one query."""
    terms = MagTerm.objects.filter(user__in=users)
    if up_to_year is not None:
        terms = terms.filter(cycle__year__lte=up_to_year)
    if started_by is not None:
        terms = terms.filter(start__lte=started_by)
    rows = terms.values("user").annotate(n=Count("pk"))
    return {row["user"]: row["n"] for row in rows}


def rotation_for(cycle):
    """The rotation planner for a cycle's MAG roll (R-MAG-2)."""
    terms = list(
        MagTerm.objects.filter(cycle=cycle)
        .select_related("user__profile", "stakeholder_group", "renewed_by__cycle")
        .order_by("user__profile__display_name", "pk")
    )
    served = years_on_the_mag([term.user_id for term in terms], cycle.year)
    rotation = Rotation(cycle=cycle)
    for term in terms:
        renewed = getattr(term, "renewed_by", None) is not None
        planned = PlannedTerm(
            term=term, year_on_the_mag=served.get(term.user_id, 1), renewed=renewed
        )
        if planned.must_leave:
            rotation.must_leave.append(planned)
        elif renewed:
            rotation.renewed.append(planned)
        else:
            rotation.may_renew.append(planned)
    return rotation
