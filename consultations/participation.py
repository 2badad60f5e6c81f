"""The participation panel: who took part in a consultation, in aggregate (R-CON-5).

Comments and contributions are counted by stakeholder group, UN regional group and gender
from the participants' profiles. A person is counted under a value only if they chose to
show it on their profile (public_stakeholder_group, public_country, public_gender) and gave
one; everyone else is "not stated". Six aggregate queries whatever the consultation's size.
"""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Profile, StakeholderGroup
from accounts.regions import RegionalGroup

from .models import Comment, Contribution

NOT_STATED = gettext_lazy("Not stated")

DIMENSIONS = (
    # key, heading, profile value field, profile "public" flag
    (
        "stakeholder_group",
        gettext_lazy("Stakeholder group"),
        "stakeholder_group",
        "public_stakeholder_group",
    ),
    ("region", gettext_lazy("UN regional group"), "un_regional_group", "public_country"),
    ("gender", gettext_lazy("Gender"), "gender", "public_gender"),
)


def _sources(consultation):
    return {
        "comments": Comment.objects.visible().filter(draft__consultation=consultation),
        "contributions": Contribution.objects.filter(
            consultation=consultation, status=Contribution.Status.VISIBLE
        ),
    }


def _value_label(key, value, groups):
    if key == "stakeholder_group":
        return groups.get(value)
    if key == "region":
        return RegionalGroup(value).label if value in RegionalGroup.values else None
    if value in ("", None, Profile.Gender.PREFER_NOT_TO_SAY):
        return None
    if value == Profile.Gender.SELF_DESCRIBED:
        # Counted, but the words a person chose are never shown in aggregate.
        return _("Self-described")
    return Profile.Gender(value).label if value in Profile.Gender.values else None


def _order(key, groups):
    if key == "stakeholder_group":
        return [str(name) for name in groups.values()]
    if key == "region":
        return [str(label) for label in RegionalGroup.labels]
    return [
        str(Profile.Gender(value).label)
        for value in (Profile.Gender.WOMAN, Profile.Gender.MAN, Profile.Gender.NON_BINARY)
    ] + [_("Self-described")]


def participation_panel(consultation):
    """For each dimension, rows of (label, comments, commenters, contributions, contributors)
    with "Not stated" last and the totals; 7 queries in all."""
    groups = dict(StakeholderGroup.objects.order_by("position", "name").values_list("pk", "name"))
    sources = _sources(consultation)
    tables = []
    totals = {}
    for key, heading, field, public_flag in DIMENSIONS:
        cells = {}
        for source, queryset in sources.items():
            value_path = f"author__profile__{field}"
            flag_path = f"author__profile__{public_flag}"
            rows = (
                queryset.order_by()
                .values(value_path, flag_path)
                .annotate(items=Count("pk"), people=Count("author", distinct=True))
            )
            for row in rows:
                label = None
                if row[flag_path]:
                    label = _value_label(key, row[value_path], groups)
                label = str(label) if label else str(NOT_STATED)
                cell = cells.setdefault(label, {})
                cell[f"{source}"] = cell.get(source, 0) + row["items"]
                cell[f"{source}_people"] = cell.get(f"{source}_people", 0) + row["people"]
        ordered = [label for label in _order(key, groups) if label in cells]
        ordered += sorted(
            label for label in cells if label not in ordered and label != str(NOT_STATED)
        )
        if str(NOT_STATED) in cells:
            ordered.append(str(NOT_STATED))
        rows = [
            {
                "label": label,
                "comments": cells[label].get("comments", 0),
                "commenters": cells[label].get("comments_people", 0),
                "contributions": cells[label].get("contributions", 0),
                "contributors": cells[label].get("contributions_people", 0),
            }
            for label in ordered
        ]
        tables.append({"key": key, "heading": heading, "rows": rows})
        totals = {
            "comments": sum(row["comments"] for row in rows),
            "contributions": sum(row["contributions"] for row in rows),
        }
    return {"tables": tables, "totals": totals}
