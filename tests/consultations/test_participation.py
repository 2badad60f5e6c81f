"""The participation panel: comments and contributions by stakeholder group, UN regional
group and gender, counting only what people chose to show; bounded queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import contributions, participation
from consultations.models import Contribution
from tests.factories import UserFactory

from .conftest import verified
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_comments, set_profile


def table(panel, key):
    [found] = [t for t in panel["tables"] if t["key"] == key]
    return {row["label"]: row for row in found["rows"]}


def people(n, **profile):
    return [set_profile(verified(UserFactory()), **profile) for _ in range(n)]


def test_participation_counts_by_group_region_and_gender(open_draft, call):
    consultation = open_draft.consultation
    [kenyan_woman] = people(1, group="civil-society", country="KE", gender="woman")
    [french_man] = people(1, group="government", country="FR", gender="man")
    [private] = people(1, group="government", country="FR", gender="woman", public=False)
    make_comments(open_draft, [kenyan_woman], 3)
    make_comments(open_draft, [french_man, private], 2)
    contributions.submit_contribution(
        consultation=consultation,
        actor=kenyan_woman,
        title="Story",
        text="Text",
        on_behalf_of=Contribution.OnBehalf.SELF,
    )
    panel = participation.participation_panel(consultation)
    groups = table(panel, "stakeholder_group")
    assert groups["Civil society"]["comments"] == 3
    assert groups["Civil society"]["commenters"] == 1
    assert groups["Civil society"]["contributions"] == 1
    assert groups["Government"]["comments"] == 1
    assert groups["Not stated"]["comments"] == 1  # chose not to show it
    regions = table(panel, "region")
    assert regions["African Group"]["comments"] == 3
    assert regions["Western European and Others Group"]["comments"] == 1
    genders = table(panel, "gender")
    assert genders["Woman"]["comments"] == 3 and genders["Man"]["comments"] == 1
    assert genders["Not stated"]["comments"] == 1
    assert panel["totals"] == {"comments": 5, "contributions": 1}


def test_prefer_not_to_say_and_empty_profiles_are_not_stated(open_draft):
    [silent] = people(1, gender="prefer_not_to_say")
    make_comments(open_draft, [silent], 2)
    panel = participation.participation_panel(open_draft.consultation)
    for key in ("stakeholder_group", "region", "gender"):
        assert table(panel, key) == {
            "Not stated": {
                "label": "Not stated",
                "comments": 2,
                "commenters": 1,
                "contributions": 0,
                "contributors": 0,
            }
        }


def test_the_panel_page_takes_the_same_queries_for_10_and_1000_comments(client, open_draft):
    crowd = people(20, group="technical-community", country="BR", gender="non_binary")
    url = reverse("consultations:participation", args=[open_draft.consultation.slug])
    make_comments(open_draft, crowd, 10)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert "Technical community" in response.text
    make_comments(open_draft, crowd, 990, number=4)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(small) == len(large) <= 12
    assert "1000 comments" in response.text


def test_the_panel_is_public_and_names_no_one(client, open_draft):
    [person] = people(1, group="civil-society", country="KE", gender="woman")
    person.profile.display_name = "Wanjiru Secret"
    person.profile.save()
    make_comments(open_draft, [person], 1)
    response = client.get(
        reverse("consultations:participation", args=[open_draft.consultation.slug])
    )
    assert response.status_code == 200
    assert "Wanjiru Secret" not in response.text
    assert '<caption id="by-gender-caption">' in response.text and 'scope="col"' in response.text


def test_an_empty_consultation_says_so(client, open_draft):
    response = client.get(
        reverse("consultations:participation", args=[open_draft.consultation.slug])
    )
    assert response.text.count("Nobody has commented or contributed yet.") == 1
    assert "0 of 0" not in response.text and "0 comments" not in response.text
