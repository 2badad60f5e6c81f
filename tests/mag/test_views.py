import pytest
from django.urls import reverse
from django.utils import timezone

from mag import services
from mag.models import BpfProposal, BpfSelection, BpfSupport, LiaisonAssignment, MagTerm
from tests.factories import UserFactory, stakeholder_group

Kind = LiaisonAssignment.Kind
pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "mag_member", "secretariat"]


@pytest.fixture
def world(secretariat, mag_member, second_mag_member, cycle, bpf_a, pn, dccg):
    """One of everything the MAG pages show, for the permission matrix."""
    draft = services.create_bpf_proposal(
        actor=mag_member,
        cycle=cycle,
        title="Best Practice Forum on Resilience",
        description="Networks through disasters.",
        methodology="Case studies.",
        proposers=[mag_member],
    )
    duty = services.assign_liaison(
        actor=secretariat, member=second_mag_member, kind=Kind.PN_LIAISON, workstream=pn
    )
    candidate = UserFactory(email="candidate@example.org", display_name="Cara Candidate")
    return {
        "cycle": cycle,
        "bpf": bpf_a,
        "pn": pn,
        "draft": draft,
        "duty": duty,
        "candidate": candidate,
    }


def _login(client, request, role):
    if role == "anonymous":
        return None
    user = request.getfixturevalue(role)
    client.force_login(user)
    return user


def _today():
    return timezone.localdate().isoformat()


# (name, method, url args from the world, POST data from the world, expected by role)
MATRIX = [
    ("home", "get", lambda w: [], None, (200, 200, 200, 200)),
    ("dccg", "get", lambda w: [], None, (200, 200, 200, 200)),
    ("bpf-cycle", "get", lambda w: [w["cycle"].year], None, (200, 200, 200, 200)),
    ("bpf-support", "get", lambda w: [w["bpf"].slug], None, (200, 200, 200, 200)),
    ("terms", "get", lambda w: [], None, (302, 403, 403, 200)),
    ("liaisons", "get", lambda w: [], None, (302, 403, 200, 200)),
    ("bpf-proposals", "get", lambda w: [], None, (302, 403, 200, 200)),
    ("bpf-proposal-create", "get", lambda w: [], None, (302, 403, 200, 200)),
    ("bpf-proposal", "get", lambda w: [w["draft"].pk], None, (404, 404, 200, 200)),
    ("bpf-proposal-edit", "get", lambda w: [w["draft"].pk], None, (302, 404, 200, 200)),
    ("liaison-end", "get", lambda w: [w["duty"].pk], None, (302, 403, 403, 200)),
    (
        "terms",
        "post",
        lambda w: [],
        lambda w: {
            "email": "candidate@example.org",
            "cycle": w["cycle"].pk,
            "start": _today(),
            "end": _today(),
            "stakeholder_group": stakeholder_group("civil-society").pk,
            "country": "FR",
        },
        (302, 403, 403, 302),
    ),
    (
        "liaisons",
        "post",
        lambda w: [],
        lambda w: {
            "email": "mag-member@example.org",
            "kind": "pn_liaison",
            "workstream": w["pn"].pk,
        },
        (302, 403, 403, 302),
    ),
    (
        "liaison-end",
        "post",
        lambda w: [w["duty"].pk],
        lambda w: {"reason": "Stepped down"},
        (302, 403, 403, 302),
    ),
    (
        "bpf-proposal-create",
        "post",
        lambda w: [],
        lambda w: {
            "cycle": w["cycle"].pk,
            "title": "BPF on Hats",
            "description": "Hats.",
            "methodology": "Surveys.",
            "proposers": "mag-member@example.org",
        },
        (302, 403, 302, 302),
    ),
    ("bpf-proposal-submit", "post", lambda w: [w["draft"].pk], lambda w: {}, (302, 404, 302, 302)),
    (
        "bpf-selection-record",
        "post",
        lambda w: [w["cycle"].year],
        lambda w: {"meeting": "MAG II", "decided_on": _today(), "reason": "None fitted."},
        (302, 403, 403, 302),
    ),
    (
        "bpf-support",
        "post",
        lambda w: [w["bpf"].slug],
        lambda w: {"mailing_list": "on", "notes": "Set up.", "penholder": ""},
        (403, 403, 403, 302),
    ),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize(
    ("name", "method", "args", "data", "expected"),
    MATRIX,
    ids=[f"{row[1]}-{row[0]}" for row in MATRIX],
)
def test_R_MAG_6_role_by_action_permission_matrix(
    client, request, world, role_index, role, name, method, args, data, expected
):
    _login(client, request, role)
    url = reverse(f"mag:{name}", args=args(world))
    response = client.get(url) if method == "get" else client.post(url, data(world))
    want = expected[role_index]
    assert response.status_code == want, response.content.decode()[:500]
    if want == 302 and role == "anonymous":
        assert "/accounts/login/" in response["Location"]


# ---- R-DC-6 on the DCCG page -----------------------------------------------------------------


def test_R_DC_6_the_dccg_page_lists_invited_dcs_and_shows_the_duty_uncovered(
    client, secretariat, dccg, mag_member
):
    page = client.get(reverse("mag:dccg")).content.decode()
    assert "DC on Rights" in page
    assert "Uncovered" in page and "R-DC-6" in page

    services.assign_liaison(actor=secretariat, member=mag_member, kind=Kind.DCCG_LIAISON)
    page = client.get(reverse("mag:dccg")).content.decode()
    assert "Mia MAG" in page
    assert "Uncovered" not in page


def test_R_DC_6_a_second_dccg_liaison_through_the_form_shows_the_rule(
    client, secretariat, mag_member, second_mag_member
):
    services.assign_liaison(actor=secretariat, member=mag_member, kind=Kind.DCCG_LIAISON)
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:liaisons"), {"email": "mag-two@example.org", "kind": "dccg_liaison"}
    )
    assert response.status_code == 400
    assert "R-DC-6: The DCCG has at most one MAG liaison at a time" in response.content.decode()
    assert LiaisonAssignment.objects.filter(kind=Kind.DCCG_LIAISON).count() == 1


# ---- R-MAG-6 and R-PN-3 on the liaison page --------------------------------------------------


def test_R_MAG_6_the_liaison_page_lists_duties_and_highlights_uncovered_ones(
    client, secretariat, mag_member, bpf_a, bpf_b, pn, dccg
):
    services.assign_liaison(
        actor=secretariat, member=mag_member, kind=Kind.BPF_FACILITATOR, workstream=bpf_b
    )
    client.force_login(mag_member)
    page = client.get(reverse("mag:liaisons")).content.decode()
    assert "BPF on Cybersecurity has no MAG facilitator (R-BPF-3)" in page
    assert "PN on Access has no MAG liaison (R-PN-3)" in page
    assert "The DC Coordination Group has no MAG liaison (R-DC-6)" in page
    assert "BPF on Gender and Access has no MAG facilitator" not in page
    assert "Mia MAG" in page
    # A MAG member reads; only the Secretariat assigns.
    assert "Assign a duty" not in page


def test_R_PN_3_a_pn_liaison_assigned_through_the_page_is_recorded_and_listed(
    client, secretariat, mag_member, pn
):
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:liaisons"),
        {"email": "mag-member@example.org", "kind": "pn_liaison", "workstream": pn.pk},
    )
    assert response.status_code == 302
    assignment = LiaisonAssignment.objects.get(kind=Kind.PN_LIAISON)
    assert (assignment.member, assignment.workstream, assignment.assigned_by) == (
        mag_member,
        pn,
        secretariat,
    )
    page = client.get(reverse("mag:liaisons")).content.decode()
    assert "PN on Access has no MAG liaison" not in page
    assert "Every duty is covered." in page or "has no MAG" not in page


def test_R_MAG_6_ending_a_duty_through_the_page_needs_a_reason_and_keeps_the_row(
    client, secretariat, mag_member, pn
):
    duty = services.assign_liaison(
        actor=secretariat, member=mag_member, kind=Kind.PN_LIAISON, workstream=pn
    )
    client.force_login(secretariat)
    url = reverse("mag:liaison-end", args=[duty.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    assert client.post(url, {"reason": "Left the MAG"}).status_code == 302
    duty.refresh_from_db()
    assert duty.end_reason == "Left the MAG" and not duty.is_active
    assert "Left the MAG" in client.get(reverse("mag:liaisons")).content.decode()


# ---- R-BPF-1 through the pages ---------------------------------------------------------------


def test_R_BPF_1_submitting_without_a_current_mag_proposer_shows_the_rule(
    client, mag_member, outsider, cycle
):
    client.force_login(mag_member)
    response = client.post(
        reverse("mag:bpf-proposal-create"),
        {
            "cycle": cycle.pk,
            "title": "BPF on Hats",
            "description": "Hats.",
            "methodology": "Surveys.",
            "proposers": "outsider@example.org",
        },
    )
    proposal = BpfProposal.objects.get()
    assert response["Location"] == reverse("mag:bpf-proposal", args=[proposal.pk])
    response = client.post(reverse("mag:bpf-proposal-submit", args=[proposal.pk]), follow=True)
    assert "R-BPF-1: a BPF proposal is submitted by at least one current MAG member" in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.status == BpfProposal.Status.DRAFT


def test_R_BPF_1_an_unknown_proposer_email_is_named_and_nothing_typed_is_lost(
    client, mag_member, cycle
):
    client.force_login(mag_member)
    response = client.post(
        reverse("mag:bpf-proposal-create"),
        {
            "cycle": cycle.pk,
            "title": "BPF on Hats",
            "description": "A long and careful description.",
            "methodology": "Surveys.",
            "proposers": "nobody@example.org",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "No account uses nobody@example.org" in page
    assert "A long and careful description." in page
    assert not BpfProposal.objects.exists()


# ---- R-BPF-2 and R-BPF-6 on the cycle page ---------------------------------------------------


def test_R_BPF_2_the_selection_recorded_through_the_page_is_shown_to_the_public(
    client, secretariat, mag_member, cycle
):
    proposal = services.create_bpf_proposal(
        actor=mag_member,
        cycle=cycle,
        title="Best Practice Forum on Resilience",
        description="Networks through disasters.",
        methodology="Open call for case studies; two surveys.",
        proposers=[mag_member],
    )
    services.submit_bpf_proposal(actor=mag_member, proposal=proposal)
    client.force_login(secretariat)
    url = reverse("mag:bpf-cycle", args=[cycle.year])
    assert "Record the MAG" in client.get(url).content.decode()
    response = client.post(
        reverse("mag:bpf-selection-record", args=[cycle.year]),
        {
            "selected": [proposal.pk],
            "meeting": "Second MAG meeting",
            "decided_on": _today(),
            "reason": "Broad support.",
        },
    )
    assert response.status_code == 302
    assert BpfSelection.objects.filter(cycle=cycle).exists()
    proposal.refresh_from_db()
    assert proposal.workstream.methodology == "Open call for case studies; two surveys."

    client.logout()
    page = client.get(url).content.decode()
    assert "Second MAG meeting" in page and "Broad support." in page
    assert "Best Practice Forum on Resilience" in page
    # R-BPF-6: the methodology is stated.
    assert "Open call for case studies; two surveys." in page
    # The new BPF is still proposed, hence private: no link to its page for the public.
    assert proposal.workstream.get_absolute_url() not in page
    assert "Record the MAG" not in page


def test_R_BPF_6_the_methodology_is_shown_on_the_bpf_support_page(client, bpf_a):
    bpf_a.methodology = "Monthly open calls and a survey of CERTs."
    bpf_a.save()
    page = client.get(reverse("mag:bpf-support", args=[bpf_a.slug])).content.decode()
    assert "Monthly open calls and a survey of CERTs." in page


# ---- R-BPF-4 on the support page -------------------------------------------------------------


def test_R_BPF_4_the_support_recorded_by_the_secretariat_is_shown(client, secretariat, bpf_a):
    client.force_login(secretariat)
    url = reverse("mag:bpf-support", args=[bpf_a.slug])
    response = client.post(
        url,
        {
            "mailing_list": "on",
            "virtual_meetings": "on",
            "notes": "Survey planned for June.",
            "penholder": "secretariat@example.org",
        },
    )
    assert response.status_code == 302
    support = BpfSupport.objects.get(workstream=bpf_a)
    assert (support.mailing_list, support.surveys, support.penholder) == (True, False, secretariat)

    client.logout()
    page = client.get(url).content.decode()
    assert "Penholder of the output report: Sam Secretariat" in page
    assert "✓ mailing list set up" in page
    assert "Survey planned for June." in page
    assert "Record the Secretariat" not in page


def test_R_BPF_4_a_penholder_outside_the_secretariat_is_refused_on_the_form(
    client, secretariat, bpf_a, bpf_a_coordinator
):
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:bpf-support", args=[bpf_a.slug]), {"penholder": "coord-a@example.org"}
    )
    assert response.status_code == 400
    assert "R-BPF-4: The penholder" in response.content.decode()
    assert not BpfSupport.objects.exists()


def test_the_support_page_of_a_proposed_bpf_is_private(client, bpf_proposed, outsider):
    url = reverse("mag:bpf-support", args=[bpf_proposed.slug])
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_R_MAG_1_the_secretariat_records_a_term_and_the_mag_page_lists_it(
    client, secretariat, cycle
):
    UserFactory(email="new-mag@example.org", display_name="Nia New")
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:terms"),
        {
            "email": "new-mag@example.org",
            "cycle": cycle.pk,
            "start": _today(),
            "end": _today(),
            "stakeholder_group": stakeholder_group("civil-society").pk,
            "country": "KE",
        },
    )
    assert response.status_code == 302
    term = MagTerm.objects.get(user__email="new-mag@example.org")
    assert (term.created_by, term.un_regional_group) == (secretariat, "AFRICAN")
    client.logout()
    assert "Nia New" in client.get(reverse("mag:home")).content.decode()


# ---- Bad input never reaches the database as a server error ----------------------------------

NUL = "bad\x00value"
HUGE = "x" * 100_000


@pytest.mark.parametrize("value", [NUL, HUGE], ids=["nul", "huge"])
def test_bad_input_on_every_mag_form_is_refused_not_a_server_error(
    client, secretariat, world, value
):
    client.force_login(secretariat)
    w = world
    posts = [
        (reverse("mag:terms"), {"email": value, "cycle": value, "start": value, "country": value}),
        (reverse("mag:liaisons"), {"email": value, "kind": value, "reason": value}),
        (
            reverse("mag:liaisons"),
            {
                "email": "mag-member@example.org",
                "kind": "pn_liaison",
                "workstream": w["pn"].pk,
                "reason": value,
            },
        ),
        (reverse("mag:liaison-end", args=[w["duty"].pk]), {"reason": value}),
        (
            reverse("mag:bpf-proposal-create"),
            {
                "cycle": w["cycle"].pk,
                "title": value,
                "description": value,
                "methodology": value,
                "proposers": value,
            },
        ),
        (
            reverse("mag:bpf-proposal-edit", args=[w["draft"].pk]),
            {
                "cycle": w["cycle"].pk,
                "title": "T",
                "description": value,
                "methodology": value,
                "proposers": "mag-member@example.org",
            },
        ),
        (
            reverse("mag:bpf-selection-record", args=[w["cycle"].year]),
            {"selected": [value], "meeting": value, "decided_on": value, "reason": value},
        ),
        (
            reverse("mag:bpf-support", args=[w["bpf"].slug]),
            {"notes": value, "penholder": value, "surveys": value},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 400), (url, response.status_code)
    # Nothing was written: only the world's own proposal and duty exist, unchanged.
    assert list(BpfProposal.objects.values_list("description", flat=True)) == [
        "Networks through disasters."
    ]
    assert list(LiaisonAssignment.objects.values_list("pk", "ended_at")) == [(w["duty"].pk, None)]
    assert not BpfSelection.objects.exists() and not BpfSupport.objects.exists()
