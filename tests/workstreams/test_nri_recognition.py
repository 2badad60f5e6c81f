"""NRI recognition: the written statement (R-NRI-1), the assessment of each core principle
(R-NRI-2), the NRI's facts (R-NRI-3) and the public directory (R-NRI-4)."""

import importlib

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from accounts.models import StakeholderGroup
from tests.factories import UserFactory
from workstreams import nri
from workstreams.models import (
    ApplicationStatus,
    CorePrinciple,
    Membership,
    NriApplication,
    PrincipleAssessment,
    Workstream,
    WorkstreamEvent,
)

STATEMENT = (
    "The Zambia IGF is organised by a multistakeholder committee with members from government, "
    "business, civil society, the technical and the academic communities. Anyone may register "
    "and speak; the programme is set by open call; minutes and accounts are published online."
)
Status = ApplicationStatus


@pytest.fixture(autouse=True)
def _stakeholder_groups(db):
    """The groups from accounts' data migration; a transactional test run earlier (live
    server, workers) flushes the database and takes them with it."""
    migration = importlib.import_module("accounts.migrations.0002_reference_data")
    for position, (slug, name) in enumerate(migration.STAKEHOLDER_GROUPS):
        StakeholderGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


@pytest.fixture
def nri_coordinator(db):
    return UserFactory(email="nri-coord@example.org", display_name="Nia Coordinator")


@pytest.fixture
def application(nri_coordinator):
    return nri.start_nri_application(
        actor=nri_coordinator, name="Zambia IGF", nri_level="national", country="ZM"
    )


def _with_statement(application, actor, statement=STATEMENT):
    groups = StakeholderGroup.objects.filter(slug__in=["government", "civil-society"])
    return nri.save_nri_statement(
        application=application, actor=actor, statement=statement, committee_groups=groups
    )


@pytest.fixture
def submitted(application, nri_coordinator):
    _with_statement(application, nri_coordinator)
    return nri.submit_nri_application(application=application, actor=nri_coordinator)


def _assess_all(application, actor, meets=True, only=None):
    for principle in only or CorePrinciple.values:
        nri.assess_principle(
            application=application,
            principle=principle,
            meets=meets,
            notes=f"Checked {principle} against the statement.",
            actor=actor,
        )


def _set_status(application, status):
    NriApplication.objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()


def test_starting_an_application_proposes_the_nri_and_makes_the_applicant_its_coordinator(
    client, nri_coordinator
):
    """R-NRI-3: the level and country are recorded; the events name the applicant."""
    client.force_login(nri_coordinator)
    response = client.post(
        reverse("workstreams:nri-apply"),
        {"name": "Zambia IGF", "nri_level": "national", "country": "ZM", "is_youth": "on"},
    )
    workstream = Workstream.objects.get(name="Zambia IGF")
    assert response.status_code == 302
    assert response.url == reverse("workstreams:nri-application", args=[workstream.slug])
    assert workstream.kind == "nri" and workstream.status == "proposed"
    assert workstream.nri_level == "national" and workstream.is_youth
    assert workstream.un_regional_group == "AFRICAN"
    assert workstream.nri_application.status == "draft"
    assert Membership.objects.coordinators().filter(workstream=workstream).get().user == (
        nri_coordinator
    )
    events = WorkstreamEvent.objects.filter(workstream=workstream)
    assert {e.verb for e in events} == {"created", "role_granted"}
    assert {e.actor for e in events} == {nri_coordinator}


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"nri_level": "national"}, "country", "A national initiative names its country."),
        ({"nri_level": "regional"}, "region_name", "Name the region"),
        (
            {"nri_level": "sub_regional", "region_name": "West Africa"},
            "un_regional_group",
            "Choose the UN regional group",
        ),
        (
            {"nri_level": "national", "country": "ZM", "region_name": "Southern Africa"},
            "region_name",
            "leave the region empty",
        ),
        ({"country": "ZM"}, "nri_level", "This field is required."),
    ],
)
def test_R_NRI_3_an_nri_names_its_level_with_its_country_or_region(
    client, nri_coordinator, data, field, message
):
    client.force_login(nri_coordinator)
    response = client.post(reverse("workstreams:nri-apply"), {"name": "Somewhere IGF", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Workstream.objects.filter(name="Somewhere IGF").exists()


def test_R_NRI_3_a_sub_regional_youth_initiative_is_recorded_with_its_region(nri_coordinator):
    application = nri.start_nri_application(
        actor=nri_coordinator,
        name="West Africa Youth IGF",
        nri_level="sub_regional",
        region_name="West Africa",
        un_regional_group="AFRICAN",
        is_youth=True,
    )
    workstream = application.workstream
    assert (workstream.place, workstream.un_regional_group, workstream.is_youth) == (
        "West Africa",
        "AFRICAN",
        True,
    )


def test_R_NRI_1_submitting_without_a_statement_is_refused_naming_the_rule(
    application, nri_coordinator
):
    with pytest.raises(DomainError) as refused:
        nri.submit_nri_application(application=application, actor=nri_coordinator)
    assert refused.value.messages[0].startswith("R-NRI-1: A detailed written statement")
    application.refresh_from_db()
    assert application.status == "draft"


def test_R_NRI_1_a_short_statement_is_refused_on_the_form_and_the_text_is_kept(
    client, application, nri_coordinator
):
    client.force_login(nri_coordinator)
    url = reverse("workstreams:nri-application", args=[application.workstream.slug])
    response = client.post(url, {"statement": "We are open.", "submit": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "R-NRI-1: The written statement must be detailed: at least 200 characters" in page
    assert "We are open." in page
    application.refresh_from_db()
    assert application.status == "draft"
    assert application.statement == "We are open."  # the draft is saved, not lost


def test_R_NRI_1_a_detailed_statement_is_submitted_with_the_committee_groups(
    client, application, nri_coordinator
):
    client.force_login(nri_coordinator)
    url = reverse("workstreams:nri-application", args=[application.workstream.slug])
    groups = StakeholderGroup.objects.filter(slug__in=["government", "private-sector"])
    response = client.post(
        url, {"statement": STATEMENT, "committee_groups": [g.pk for g in groups], "submit": "1"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.submitted_by == nri_coordinator
    assert set(application.committee_groups.all()) == set(groups)
    event = WorkstreamEvent.objects.filter(workflow="nri_application", to_status="submitted").get()
    assert event.actor == nri_coordinator


# ---- Transitions: every allowed and refused one -------------------------------------------

ACTIONS = ["submit", "request_changes", "recognise", "reject"]
ALLOWED = {
    ("draft", "submit"): "submitted",
    ("changes_requested", "submit"): "submitted",
    ("submitted", "request_changes"): "changes_requested",
    ("submitted", "recognise"): "recognised",
    ("submitted", "reject"): "rejected",
}


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_R_NRI_2_transitions_of_an_nri_application_are_allowed_only_from_their_states(
    application, nri_coordinator, secretariat, status, action
):
    _with_statement(application, nri_coordinator)
    _set_status(application, Status.SUBMITTED)
    _assess_all(application, secretariat)
    _set_status(application, status)
    actor = nri_coordinator if action == "submit" else secretariat
    expected = ALLOWED.get((status, action))
    if expected is None:
        with pytest.raises(DomainError, match="cannot be changed with"):
            nri.decide_nri_application(
                application=application, action=action, actor=actor, reason="Because"
            ) if action != "submit" else nri.submit_nri_application(
                application=application, actor=actor
            )
        application.refresh_from_db()
        assert application.status == status
        return
    if action == "submit":
        result = nri.submit_nri_application(application=application, actor=actor)
    else:
        result = nri.decide_nri_application(
            application=application, action=action, actor=actor, reason="Because"
        )
    assert result.status == expected
    event = WorkstreamEvent.objects.filter(workflow="nri_application", to_status=expected).get()
    assert (event.actor, event.from_status) == (actor, status)


def test_only_the_secretariat_decides_and_only_coordinators_submit(
    submitted, nri_coordinator, outsider, secretariat
):
    with pytest.raises(PermissionDenied):
        nri.decide_nri_application(
            application=submitted, action="reject", actor=nri_coordinator, reason="No"
        )
    _set_status(submitted, Status.DRAFT)
    with pytest.raises(PermissionDenied):
        nri.submit_nri_application(application=submitted, actor=outsider)


# ---- R-NRI-2: the six principles ----------------------------------------------------------


def test_R_NRI_2_recognise_is_refused_until_all_six_are_assessed_and_lists_the_missing(
    submitted, secretariat
):
    _assess_all(submitted, secretariat, only=["open", "transparent", "inclusive"])
    _assess_all(submitted, secretariat, meets=False, only=["bottom_up"])
    with pytest.raises(DomainError) as refused:
        nri.decide_nri_application(
            application=submitted, action="recognise", actor=secretariat, reason="Looks fine"
        )
    message = refused.value.messages[0]
    assert message.startswith("R-NRI-2: Recognition needs all six core principles")
    assert "not yet assessed: Multistakeholder, Non-commercial" in message
    assert "assessed as not met: Bottom-up" in message
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.workstream.status == "proposed"


def test_R_NRI_2_recognise_with_all_six_met_activates_the_nri(submitted, secretariat):
    _assess_all(submitted, secretariat)
    nri.decide_nri_application(
        application=submitted, action="recognise", actor=secretariat, reason="All six met"
    )
    workstream = Workstream.objects.get(pk=submitted.workstream_id)
    assert workstream.status == "active"
    activation = WorkstreamEvent.objects.get(workstream=workstream, details__action="activate")
    assert activation.actor == secretariat and "All six met" in activation.reason


def test_R_NRI_2_each_assessment_is_recorded_with_who_and_reassessing_updates_it(
    submitted, secretariat
):
    other = UserFactory(email="sec2@example.org")
    from accounts import services as account_services
    from accounts.models import SiteRole

    account_services.grant_site_role(
        user=other, role=SiteRole.Role.SECRETARIAT, actor=None, reason="test"
    )
    nri.assess_principle(
        application=submitted, principle="open", meets=False, notes="Closed list", actor=secretariat
    )
    nri.assess_principle(
        application=submitted, principle="open", meets=True, notes="Now open", actor=other
    )
    assessment = PrincipleAssessment.objects.get(application=submitted, principle="open")
    assert (assessment.meets, assessment.notes, assessment.assessed_by) == (True, "Now open", other)
    events = WorkstreamEvent.objects.filter(
        workflow="nri_application", details__principle="open"
    ).order_by("pk")
    assert [(e.actor, e.details["meets"], e.reason) for e in events] == [
        (secretariat, False, "Closed list"),
        (other, True, "Now open"),
    ]
    assert events[1].details["previously"] is False


def test_R_NRI_2_an_assessment_needs_notes_and_a_submitted_statement(
    client, submitted, secretariat
):
    client.force_login(secretariat)
    url = reverse("workstreams:nri-assess", args=[submitted.workstream.slug, "open"])
    response = client.post(url, {"open-meets": "yes", "open-notes": ""})
    assert response.status_code == 400
    assert "Give notes for this assessment" in response.content.decode()
    assert not PrincipleAssessment.objects.exists()
    response = client.post(url, {"open-meets": "yes", "open-notes": "Open registration"})
    assert response.status_code == 302
    assert PrincipleAssessment.objects.get().assessed_by == secretariat
    _set_status(submitted, Status.DRAFT)
    response = client.post(url, {"open-meets": "no", "open-notes": "Again"})
    assert response.status_code == 400
    assert "Only a submitted statement is assessed" in response.content.decode()


def test_R_NRI_2_the_review_page_shows_the_statement_the_committee_and_each_principle(
    client, submitted, secretariat
):
    nri.assess_principle(
        application=submitted,
        principle="multistakeholder",
        meets=True,
        notes="Five groups",
        actor=secretariat,
    )
    client.force_login(secretariat)
    page = client.get(reverse("workstreams:nri-review", args=[submitted.workstream.slug]))
    html = page.content.decode()
    assert STATEMENT[:60] in html
    assert "Government" in html and "Civil society" in html
    for principle in CorePrinciple:
        assert str(principle.label) in html
    assert "assessed by Sam Secretariat" in html
    assert "Not yet assessed:" in html


def test_R_NRI_2_recognising_through_the_page_needs_confirmation_then_names_what_is_missing(
    client, submitted, secretariat
):
    client.force_login(secretariat)
    url = reverse("workstreams:nri-decide", args=[submitted.workstream.slug])
    response = client.post(url, {"action": "recognise", "reason": "Good"})
    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    response = client.post(url, {"action": "recognise", "reason": "Good", "confirm": "on"})
    assert response.status_code == 400
    assert "R-NRI-2: Recognition needs all six" in response.content.decode()
    _assess_all(submitted, secretariat)
    response = client.post(url, {"action": "recognise", "reason": "Good", "confirm": "on"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "recognised"


def test_R_DC_3_changes_requested_come_back_to_the_applicants_with_the_reason(
    client, submitted, secretariat, nri_coordinator
):
    client.force_login(secretariat)
    url = reverse("workstreams:nri-decide", args=[submitted.workstream.slug])
    response = client.post(url, {"action": "request_changes", "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"action": "request_changes", "reason": "Publish your budget"})
    assert response.status_code == 302
    client.force_login(nri_coordinator)
    page = client.get(reverse("workstreams:nri-application", args=[submitted.workstream.slug]))
    html = page.content.decode()
    assert "Changes requested" in html and "Publish your budget" in html
    assert 'name="submit"' in html  # the statement is editable again


# ---- R-NRI-3 and R-NRI-4 -----------------------------------------------------------------


def test_R_NRI_3_level_place_and_youth_are_shown_on_the_nri_page(client, db):
    Workstream.objects.create(
        kind="nri",
        name="Youth IGF West Africa",
        slug="yigf-wa",
        status="active",
        nri_level="sub_regional",
        region_name="West Africa",
        un_regional_group="AFRICAN",
        is_youth=True,
    )
    html = client.get(reverse("workstreams:detail", args=["yigf-wa"])).content.decode()
    assert "Sub-regional" in html and "West Africa" in html and "African Group" in html
    assert "<dt>Youth IGF</dt><dd>Yes</dd>" in html


def test_R_NRI_4_a_proposed_nri_never_appears_to_the_public(client, application, outsider):
    name = application.workstream.name
    for user in (None, outsider):
        if user:
            client.force_login(user)
        for params in ({}, {"kind": "nri"}, {"q": "Zambia"}, {"status": "proposed"}):
            html = client.get(reverse("workstreams:list"), params).content.decode()
            assert name not in html, (user, params)
        detail = client.get(reverse("workstreams:detail", args=[application.workstream.slug]))
        assert detail.status_code == 404


def test_R_NRI_4_a_recognised_nri_is_listed_and_found(client, submitted, secretariat):
    _assess_all(submitted, secretariat)
    nri.decide_nri_application(
        application=submitted, action="recognise", actor=secretariat, reason="All met"
    )
    for params in ({}, {"kind": "nri"}, {"q": "Zambia"}):
        assert "Zambia IGF" in client.get(reverse("workstreams:list"), params).content.decode()


def test_R_NRI_4_the_review_queue_source_lists_submitted_statements(submitted, application):
    from workstreams.review import REVIEW_SOURCES

    source = REVIEW_SOURCES["nri"]
    assert list(source.applications({"submitted"})) == [submitted]
    assert source.review_url(submitted) == reverse(
        "workstreams:nri-review", args=[submitted.workstream.slug]
    )


def test_R_NRI_2_the_status_page_cannot_activate_an_nri_whose_statement_is_not_recognised(
    client, submitted, secretariat
):
    from workstreams import services

    with pytest.raises(DomainError, match="R-NRI-2: This NRI applied for recognition"):
        services.apply_transition(
            workstream=submitted.workstream, action="activate", actor=secretariat, reason="Go"
        )
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:status", args=[submitted.workstream.slug]),
        {"action": "activate", "reason": "Go"},
    )
    assert response.status_code == 400
    assert Workstream.objects.get(pk=submitted.workstream_id).status == "proposed"
