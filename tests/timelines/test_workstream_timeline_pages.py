"""A workstream's timeline (R-TL-1) and action items (R-PN-10) pages, follows and its feed.

The cast: BPF A's coordinator and member, BPF B's coordinator (another tenant), an outsider
with an account, an anonymous visitor and the Secretariat. The clock is fixed: deadlines and
phases are days in the workstream's time zone.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from timelines import services
from timelines.models import ActionItem, Follow, Milestone

NOW = dt.datetime(2026, 5, 10, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
NASTY = ["\x00", "a" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 50, "%s%n"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def days(n):
    return TODAY + dt.timedelta(days=n)


def url(name, workstream, *args):
    return reverse(f"workstreams:{name}", args=[workstream.slug, *args])


def item(workstream, manager, action="Share the draft", deadline=None, users=(), roles=()):
    return services.create_action_item(
        workstream=workstream,
        action=action,
        deadline=deadline,
        actor=manager,
        users=users,
        roles=roles,
        allow_past=True,
    )


def milestone(workstream, manager, title, start, end=None, **extra):
    return services.create_milestone(
        workstream=workstream, title=title, start=start, end=end, actor=manager, **extra
    )


def block(html, marker):
    """The <li> or <tr> that contains marker (an id or a title)."""
    for tag in ("tr", "li"):
        for part in re.findall(rf"<{tag}\b.*?</{tag}>", html, flags=re.S):
            if marker in part:
                return part
    raise AssertionError(f"{marker!r} not found")


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


# ---- The permission matrix ------------------------------------------------------------------

ROLES = [
    "anonymous",
    "outsider",
    "bpf_a_member",
    "bpf_a_coordinator",
    "bpf_b_coordinator",
    "secretariat",
]
LOGIN, OK, DONE = "login", 200, 302
#                         anon   outsider member coord  other  secretariat
MATRIX = {
    "view timeline": (OK, OK, OK, OK, OK, OK),
    "add milestone": (LOGIN, 403, 403, DONE, 403, DONE),
    "view action items": (OK, OK, OK, OK, OK, OK),
    "add action item": (LOGIN, 403, 403, DONE, 403, DONE),
    "mark done": (LOGIN, 403, 403, DONE, 403, DONE),
    "drop": (LOGIN, 403, 403, DONE, 403, DONE),
}


@pytest.fixture
def matrix_item(secretariat, bpf_a, bpf_a_coordinator):
    """Carried by BPF A's coordinators (a role), due in a month."""
    return item(bpf_a, secretariat, "Draft the work plan", days(30), roles=["coordinator"])


def attempt(client, action, bpf_a, matrix_item):
    if action == "view timeline":
        return client.get(url("timeline", bpf_a))
    if action == "add milestone":
        return client.post(url("timeline", bpf_a), {"title": "Kick-off call", "start": days(3)})
    if action == "view action items":
        return client.get(url("action-items", bpf_a))
    if action == "add action item":
        return client.post(
            url("action-items", bpf_a),
            {"action": "Invite the speakers", "deadline": days(9), "roles": ["member"]},
        )
    if action == "mark done":
        return client.post(url("action-item-done", bpf_a, matrix_item.pk))
    if action == "drop":
        return client.post(
            url("action-item-drop", bpf_a, matrix_item.pk), {"reason": "Merged into another."}
        )
    raise AssertionError(action)


@pytest.mark.parametrize("action", MATRIX)
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_R_TL_1_R_PN_10_role_x_action_matrix_on_a_public_workstream(
    request, client, bpf_a, bpf_b, matrix_item, action, role_index, role
):
    """Everyone sees the timeline and the items; only BPF A's coordinators and the
    Secretariat change them; actors (here: via the coordinator role) mark done."""
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = attempt(as_user(client, user), action, bpf_a, matrix_item)
    expected = MATRIX[action][role_index]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), response["Location"]
    else:
        assert response.status_code == expected, (role, action, response.status_code)
    changed = {
        "add milestone": Milestone.objects.filter(title="Kick-off call").exists(),
        "add action item": ActionItem.objects.filter(action="Invite the speakers").exists(),
        "mark done": ActionItem.objects.filter(pk=matrix_item.pk, status="done").exists(),
        "drop": ActionItem.objects.filter(pk=matrix_item.pk, status="dropped").exists(),
    }.get(action, False)
    assert changed == (expected == DONE), (role, action)


@pytest.mark.parametrize(
    "name,method,needs_object",
    [
        ("timeline", "get", None),
        ("timeline", "post", None),
        ("action-items", "get", None),
        ("action-items", "post", None),
        ("milestone-edit", "get", "milestone"),
        ("milestone-remove", "post", "milestone"),
        ("action-item-edit", "get", "item"),
        ("action-item-done", "post", "item"),
        ("action-item-drop", "post", "item"),
        ("follow", "post", None),
        ("unfollow", "post", None),
    ],
)
def test_private_workstream_timeline_pages_are_not_found_for_outsiders(
    client, outsider, bpf_a_coordinator, dc_proposed, dc_coordinator, name, method, needs_object
):
    """A proposed DC's pages are private: to outsiders they look missing, not forbidden."""
    objects = {
        "milestone": milestone(dc_proposed, dc_coordinator, "Application sent", days(1)),
        "item": item(dc_proposed, dc_coordinator, "Write the action plan", roles=["member"]),
    }
    args = [objects[needs_object].pk] if needs_object else []
    for user in (outsider, bpf_a_coordinator):
        client.force_login(user)
        response = getattr(client, method)(url(name, dc_proposed, *args), {"reason": "x"})
        assert response.status_code == 404, (name, user)
    client.force_login(dc_coordinator)
    assert client.get(url("timeline", dc_proposed)).status_code == 200
    assert client.get(url("action-items", dc_proposed)).status_code == 200


def test_anonymous_visitors_do_not_see_a_private_workstreams_timeline(client, dc_proposed):
    assert client.get(url("timeline", dc_proposed)).status_code == 404
    assert client.get(url("action-items", dc_proposed)).status_code == 404


# ---- Timeline (R-TL-1) ------------------------------------------------------------------------


def test_R_TL_1_timeline_marks_past_current_and_upcoming(client, secretariat, bpf_a):
    milestone(bpf_a, secretariat, "Call for contributions", days(-40))
    milestone(bpf_a, secretariat, "First draft open for comment", days(-9), days(10))
    milestone(bpf_a, secretariat, "Presentation at the annual meeting", days(30), days(33))
    gone = milestone(bpf_a, secretariat, "Cancelled webinar", days(2))
    services.remove_milestone(milestone=gone, actor=secretariat, reason="Speaker unavailable.")

    html = client.get(url("timeline", bpf_a)).content.decode()

    past = block(html, "Call for contributions")
    current = block(html, "First draft open for comment")
    upcoming = block(html, "Presentation at the annual meeting")
    assert "Past" in past and "phase-past" in past
    assert "Now" in current and "phase-current" in current
    assert "Upcoming" in upcoming and "phase-upcoming" in upcoming
    # In date order, with the Today marker between what has started and what has not.
    positions = [
        html.index("Call for contributions"),
        html.index("First draft open for comment"),
        html.index('class="timeline-today"'),
        html.index("Presentation at the annual meeting"),
    ]
    assert positions == sorted(positions)
    assert '<time datetime="2026-05-10">' in block(html, "timeline-today")
    # A period shows from – until, each day machine-readable.
    assert '<time datetime="2026-05-01">' in current
    assert '<time datetime="2026-05-20">' in current
    assert "until" in current
    # A removed milestone is off the timeline.
    assert "Cancelled webinar" not in html


def test_R_TL_1_phases_follow_the_workstreams_time_zone(client, secretariat, bpf_a):
    """At noon UTC on 10 May it is already 11 May in Auckland: 10 May is past there."""
    bpf_a.time_zone = "Pacific/Auckland"
    bpf_a.save()
    milestone(bpf_a, secretariat, "Steering call", TODAY)
    html = client.get(url("timeline", bpf_a)).content.decode()
    assert "Past" in block(html, "Steering call")
    assert "Pacific/Auckland" in html


def test_R_TL_1_an_empty_timeline_says_so(client, bpf_a):
    html = client.get(url("timeline", bpf_a)).content.decode()
    assert "No milestones on this timeline yet." in html
    assert "timeline-today" not in html


def test_R_TL_1_only_managers_see_the_add_form_and_the_edit_links(
    client, secretariat, bpf_a, bpf_a_member, bpf_a_coordinator
):
    first = milestone(bpf_a, secretariat, "Kick-off", days(5))
    edit = url("milestone-edit", bpf_a, first.pk)
    client.force_login(bpf_a_member)
    html = client.get(url("timeline", bpf_a)).content.decode()
    assert "Add a milestone" not in html and edit not in html
    client.force_login(bpf_a_coordinator)
    html = client.get(url("timeline", bpf_a)).content.decode()
    assert "Add a milestone" in html and edit in html
    assert '<label for="id_title">' in html and 'type="date"' in html


def test_R_TL_1_a_coordinator_adds_a_period_and_a_bad_period_is_refused_with_the_input_kept(
    client, bpf_a, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        url("timeline", bpf_a),
        {"title": "Comment window", "start": days(10), "end": days(3)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date comes before the start date." in html
    assert 'value="Comment window"' in html
    response = client.post(
        url("timeline", bpf_a),
        {"title": "Comment window", "start": days(3), "end": days(10), "is_deadline": "on"},
        follow=True,
    )
    added = Milestone.objects.get(title="Comment window")
    assert (added.start, added.end, added.is_deadline, added.created_by) == (
        days(3),
        days(10),
        True,
        bpf_a_coordinator,
    )
    assert "The milestone has been added to the timeline." in response.content.decode()


def test_R_TL_1_editing_a_milestone_keeps_it_and_changes_its_dates(
    client, secretariat, bpf_a, bpf_a_coordinator
):
    kickoff = milestone(bpf_a, secretariat, "Kick-off", days(5))
    client.force_login(bpf_a_coordinator)
    page = client.get(url("milestone-edit", bpf_a, kickoff.pk)).content.decode()
    assert 'value="Kick-off"' in page and f'value="{days(5).isoformat()}"' in page
    response = client.post(
        url("milestone-edit", bpf_a, kickoff.pk), {"title": "Kick-off call", "start": days(6)}
    )
    assert response.status_code == 302
    kickoff.refresh_from_db()
    assert (kickoff.title, kickoff.start) == ("Kick-off call", days(6))


def test_R_TL_1_removing_a_milestone_needs_a_reason_and_keeps_the_record(
    client, secretariat, bpf_a, bpf_a_coordinator
):
    kickoff = milestone(bpf_a, secretariat, "Kick-off", days(5))
    client.force_login(bpf_a_coordinator)
    assert "Why is it removed?" in client.get(url("milestone-remove", bpf_a, kickoff.pk)).text
    response = client.post(url("milestone-remove", bpf_a, kickoff.pk), {"reason": "  "})
    assert response.status_code == 400
    assert "Say why the milestone is removed; it is recorded." in response.content.decode()
    response = client.post(url("milestone-remove", bpf_a, kickoff.pk), {"reason": "Postponed."})
    assert response.status_code == 302
    kickoff.refresh_from_db()
    assert (kickoff.removed_by, kickoff.remove_reason) == (bpf_a_coordinator, "Postponed.")
    html = client.get(url("timeline", bpf_a)).content.decode()
    assert "“Kick-off” has been taken off the timeline." in html
    assert f'id="milestone-{kickoff.pk}"' not in html
    # A removed milestone cannot be edited or removed again.
    assert client.get(url("milestone-edit", bpf_a, kickoff.pk)).status_code == 404


def test_a_milestone_of_another_workstream_is_not_found_through_this_one(
    client, secretariat, bpf_a, bpf_b, bpf_a_coordinator
):
    other = milestone(bpf_b, secretariat, "Other kick-off", days(5))
    client.force_login(bpf_a_coordinator)
    assert client.get(url("milestone-edit", bpf_a, other.pk)).status_code == 404
    assert client.post(url("milestone-remove", bpf_a, other.pk), {"reason": "x"}).status_code == 404


# ---- Action items (R-PN-10) ------------------------------------------------------------------


def test_R_PN_10_a_coordinator_records_an_item_with_actors_and_a_deadline(
    client, bpf_a, bpf_a_coordinator, bpf_a_member, outsider
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        url("action-items", bpf_a),
        {
            "action": "Contract the consultant",
            "deadline": days(5).isoformat(),
            "users": "MEMBER-A@example.org,\noutsider@example.org",
            "roles": ["coordinator"],
        },
    )
    recorded = ActionItem.objects.get(action="Contract the consultant")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/actions/#item-{recorded.pk}")
    assert (recorded.deadline, recorded.status, recorded.created_by) == (
        days(5),
        "open",
        bpf_a_coordinator,
    )
    actors = {(a.user_id, a.role) for a in recorded.actors.all()}
    assert actors == {(bpf_a_member.pk, ""), (outsider.pk, ""), (None, "coordinator")}
    assert recorded.events.get().verb == "created"

    html = client.get(url("action-items", bpf_a)).content.decode()
    row = block(html, f'id="item-{recorded.pk}"')
    assert "Contract the consultant" in row
    assert f'<time datetime="{days(5).isoformat()}">' in row
    assert reverse("accounts:person-detail", args=[bpf_a_member.pk]) in row
    assert "Ama Member" in row and "Otto Outsider" in row
    assert "The workstream&#x27;s coordinators" in row or "The workstream's coordinators" in row
    assert "member-a@example.org" not in html.lower()


def test_R_PN_10_a_past_deadline_is_refused_with_the_rule_and_every_typed_value_kept(
    client, bpf_a, bpf_a_coordinator, bpf_a_member
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        url("action-items", bpf_a),
        {
            "action": "Send the invitations",
            "deadline": days(-1).isoformat(),
            "users": "member-a@example.org",
            "roles": ["member"],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "R-PN-10: The deadline" in html and "has already passed" in html
    form = response.context["form"]
    assert any("R-PN-10: The deadline" in error for error in form.errors["deadline"])
    assert "Send the invitations</textarea>" in html
    assert f'value="{days(-1).isoformat()}"' in html
    assert "member-a@example.org</textarea>" in html
    assert re.search(r'value="member"[^>]*checked|checked[^>]*value="member"', html)
    assert not ActionItem.objects.exists()


def test_R_PN_10_an_unknown_actor_email_is_refused_on_its_field(
    client, bpf_a, bpf_a_coordinator, bpf_a_member
):
    client.force_login(bpf_a_coordinator)
    response = client.post(
        url("action-items", bpf_a),
        {"action": "Draft the survey", "users": "member-a@example.org, nobody@example.org"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["users"] == ["No account uses nobody@example.org."]
    assert "No account uses nobody@example.org." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_R_PN_10_an_item_needs_at_least_one_actor(client, bpf_a, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    response = client.post(url("action-items", bpf_a), {"action": "Draft the survey"})
    assert response.status_code == 400
    assert "R-PN-10: Name at least one actor" in response.context["form"].errors["users"][0]


def test_R_PN_10_an_actor_through_a_role_can_mark_the_item_done(
    client, secretariat, bpf_a, bpf_a_member
):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), roles=["member"])
    client.force_login(bpf_a_member)
    html = client.get(url("action-items", bpf_a)).content.decode()
    assert "Mark done" in block(html, f'id="item-{survey.pk}"')
    response = client.post(url("action-item-done", bpf_a, survey.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{survey.pk}")
    survey.refresh_from_db()
    assert (survey.status, survey.status_changed_by) == ("done", bpf_a_member)
    html = client.get(url("action-items", bpf_a)).content.decode()
    done = block(html, f'id="item-{survey.pk}"')
    assert "Done" in done and "Ama Member" in done and '<time datetime="2026-05-10' in done


def test_R_PN_10_a_person_named_directly_can_mark_the_item_done(
    client, secretariat, bpf_a, outsider
):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), users=[outsider])
    client.force_login(outsider)
    assert client.post(url("action-item-done", bpf_a, survey.pk)).status_code == 302
    assert ActionItem.objects.get(pk=survey.pk).status == "done"


def test_R_PN_10_a_member_who_is_not_an_actor_cannot_mark_it_done(
    client, secretariat, bpf_a, bpf_a_member
):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), roles=["coordinator"])
    client.force_login(bpf_a_member)
    assert "Mark done" not in client.get(url("action-items", bpf_a)).content.decode()
    assert client.post(url("action-item-done", bpf_a, survey.pk)).status_code == 403
    assert ActionItem.objects.get(pk=survey.pk).status == "open"


def test_R_PN_10_marking_a_done_item_done_again_says_so(client, secretariat, bpf_a):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), roles=["coordinator"])
    services.complete_action_item(item=survey, actor=secretariat)
    client.force_login(secretariat)
    response = client.post(url("action-item-done", bpf_a, survey.pk), follow=True)
    assert "This action item is already done." in response.content.decode()


def test_R_PN_10_dropping_needs_a_reason_which_is_shown_with_the_item(
    client, secretariat, bpf_a, bpf_a_coordinator
):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), roles=["member"])
    client.force_login(bpf_a_coordinator)
    response = client.post(url("action-item-drop", bpf_a, survey.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Say why the item is dropped; it is recorded." in response.content.decode()
    assert ActionItem.objects.get(pk=survey.pk).status == "open"
    response = client.post(
        url("action-item-drop", bpf_a, survey.pk), {"reason": "The survey was cancelled."}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.status, survey.status_reason) == ("dropped", "The survey was cancelled.")
    html = client.get(url("action-items", bpf_a)).content.decode()
    dropped = block(html, f'id="item-{survey.pk}"')
    assert "Dropped" in dropped and "The survey was cancelled." in dropped
    assert "Ada Coordinator" in dropped
    # Closed items are listed below the open ones, and cannot be dropped again.
    assert html.index("Done and dropped") < html.index("The survey was cancelled.")
    assert client.get(url("action-item-drop", bpf_a, survey.pk)).status_code == 302


def test_R_PN_10_an_item_with_no_deadline_shows_to_be_set(client, secretariat, bpf_a):
    later = item(bpf_a, secretariat, "Define the scope of work", None, roles=["member"])
    html = client.get(url("action-items", bpf_a)).content.decode()
    assert "To be set" in block(html, f'id="item-{later.pk}"')


def test_R_PN_10_an_overdue_item_is_marked_in_words_and_open_items_come_first(
    client, frozen, secretariat, bpf_a
):
    late = item(bpf_a, secretariat, "Communicate the invites", days(2), roles=["coordinator"])
    soon = item(bpf_a, secretariat, "Form the group", days(12), roles=["coordinator"])
    later = item(bpf_a, secretariat, "Define the scope", None, roles=["member"])
    closed = item(bpf_a, secretariat, "Contract the consultant", days(1), roles=["member"])
    services.complete_action_item(item=closed, actor=secretariat)
    frozen.shift(dt.timedelta(days=5))

    html = client.get(url("action-items", bpf_a)).content.decode()
    assert "Overdue" in block(html, f'id="item-{late.pk}"')
    assert 'class="overdue"' in block(html, f'id="item-{late.pk}"')
    assert "Overdue" not in block(html, f'id="item-{soon.pk}"')
    assert "Overdue" not in block(html, f'id="item-{closed.pk}"')  # done, never overdue
    order = [html.index(f'id="item-{i.pk}"') for i in (late, soon, later, closed)]
    assert order == sorted(order)


def test_R_PN_10_editing_an_item_shows_actors_by_name_and_changes_them(
    client, secretariat, bpf_a, bpf_a_coordinator, bpf_a_member, outsider
):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), users=[bpf_a_member, outsider])
    client.force_login(bpf_a_coordinator)
    page = client.get(url("action-item-edit", bpf_a, survey.pk)).content.decode()
    assert "Ama Member" in page and "Otto Outsider" in page
    assert "outsider@example.org" not in page  # email addresses stay private
    response = client.post(
        url("action-item-edit", bpf_a, survey.pk),
        {
            "action": "Answer the survey by email",
            "deadline": days(4).isoformat(),
            "keep_users": [bpf_a_member.pk],
            "users": "coord-a@example.org",
            "reason": "Otto handed over.",
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.action, survey.deadline) == ("Answer the survey by email", days(4))
    assert {a.user_id for a in survey.actors.all()} == {bpf_a_member.pk, bpf_a_coordinator.pk}
    assert survey.events.filter(verb="updated", reason="Otto handed over.").exists()


def test_R_PN_10_a_member_cannot_edit_or_drop_an_item(client, secretariat, bpf_a, bpf_a_member):
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), roles=["member"])
    client.force_login(bpf_a_member)
    assert client.get(url("action-item-edit", bpf_a, survey.pk)).status_code == 403
    assert client.get(url("action-item-drop", bpf_a, survey.pk)).status_code == 403
    html = client.get(url("action-items", bpf_a)).content.decode()
    assert "Add an action item" not in html
    assert url("action-item-edit", bpf_a, survey.pk) not in html


def test_an_item_of_another_workstream_is_not_found_through_this_one(
    client, secretariat, bpf_a, bpf_b, bpf_a_coordinator
):
    other = item(bpf_b, secretariat, "Elsewhere", days(3), roles=["coordinator"])
    client.force_login(bpf_a_coordinator)
    assert client.post(url("action-item-done", bpf_a, other.pk)).status_code == 404
    assert client.get(url("action-item-edit", bpf_a, other.pk)).status_code == 404


def test_an_empty_action_items_page_says_so(client, bpf_a):
    assert "No open action items." in client.get(url("action-items", bpf_a)).content.decode()


@pytest.mark.parametrize("value", NASTY)
def test_timeline_forms_answer_hostile_values_without_a_server_error(
    client, secretariat, bpf_a, value
):
    client.force_login(secretariat)
    kickoff = milestone(bpf_a, secretariat, "Kick-off", days(5))
    survey = item(bpf_a, secretariat, "Answer the survey", days(3), roles=["member"])
    posts = [
        (url("timeline", bpf_a), {"title": value, "start": value, "end": value}),
        (url("milestone-edit", bpf_a, kickoff.pk), {"title": value, "start": value}),
        (url("milestone-remove", bpf_a, kickoff.pk), {"reason": value if value else "x"}),
        (
            url("action-items", bpf_a),
            {"action": value, "deadline": value, "users": value, "roles": [value]},
        ),
        (
            url("action-item-edit", bpf_a, survey.pk),
            {"action": value, "deadline": value, "users": value, "keep_users": [value]},
        ),
        (url("action-item-drop", bpf_a, survey.pk), {"reason": value}),
        (url("action-item-done", bpf_a, survey.pk), {"note": value}),
        (url("follow", bpf_a), {"next": value}),
    ]
    for target, data in posts:
        response = client.post(target, data)
        assert response.status_code < 500, (target, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode(), target


# ---- Query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["secretariat", "bpf_a_member", "anonymous"])
@pytest.mark.parametrize("page", ["timeline", "action-items", "detail"])
def test_timeline_pages_query_count_does_not_grow_with_items(
    request,
    client,
    settings,
    django_assert_max_num_queries,
    secretariat,
    bpf_a,
    bpf_a_member,
    viewer,
    page,
):
    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries, not the shared page cache's
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    target = reverse(f"workstreams:{page}", args=[bpf_a.slug])

    def add(n):
        for i in range(n):
            people = [UserFactory(), UserFactory()]
            milestone(bpf_a, secretariat, f"Step {Milestone.objects.count()}", days(i - n))
            milestone(
                bpf_a, secretariat, f"Window {Milestone.objects.count()}", days(i), days(i + 3)
            )
            open_item = item(
                bpf_a, secretariat, f"Open {i}", days(i + 1), users=people, roles=["member"]
            )
            item(bpf_a, secretariat, f"Late {i}", days(-i - 1), users=people[:1])
            closed = item(bpf_a, secretariat, f"Closed {i}", None, users=people, roles=["member"])
            services.drop_action_item(item=closed, actor=secretariat, reason="Not needed.")
            del open_item

    add(2)
    client.get(target)  # warm the session
    with django_assert_max_num_queries(20) as small:
        assert client.get(target).status_code == 200
    add(15)
    with django_assert_max_num_queries(20) as large:
        assert client.get(target).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- Follow, the overview and the calendar feed --------------------------------------------


def test_following_and_unfollowing_a_workstream_redirect_back_with_a_message(
    client, bpf_a, outsider
):
    client.force_login(outsider)
    response = client.post(url("follow", bpf_a), follow=True)
    assert response.redirect_chain[-1][0] == bpf_a.get_absolute_url()
    html = response.content.decode()
    assert "You follow BPF on Cybersecurity" in html
    assert url("unfollow", bpf_a) in html and ">Unfollow<" in html
    assert Follow.objects.filter(user=outsider, workstream=bpf_a).exists()
    # Following twice is harmless.
    client.post(url("follow", bpf_a))
    assert Follow.objects.filter(user=outsider, workstream=bpf_a).count() == 1
    response = client.post(url("unfollow", bpf_a), {"next": url("timeline", bpf_a)}, follow=True)
    assert response.redirect_chain[-1][0] == url("timeline", bpf_a)
    assert "You no longer follow BPF on Cybersecurity" in response.content.decode()
    assert not Follow.objects.filter(user=outsider).exists()


def test_following_never_redirects_to_another_site(client, bpf_a, outsider):
    client.force_login(outsider)
    response = client.post(url("follow", bpf_a), {"next": "https://evil.example.com/"})
    assert response["Location"] == bpf_a.get_absolute_url()


def test_following_asks_anonymous_visitors_to_sign_in_and_needs_a_post(client, bpf_a, outsider):
    response = client.post(url("follow", bpf_a))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    assert client.get(url("follow", bpf_a)).status_code == 405
    assert not Follow.objects.exists()


def test_the_overview_shows_the_next_three_milestones_and_the_calendar_link(
    client, secretariat, bpf_a
):
    milestone(bpf_a, secretariat, "Long gone", days(-30))
    milestone(bpf_a, secretariat, "Comment window", days(-3), days(4))
    milestone(bpf_a, secretariat, "Second draft", days(10))
    milestone(bpf_a, secretariat, "Final output", days(20))
    milestone(bpf_a, secretariat, "Annual meeting", days(40))
    html = client.get(bpf_a.get_absolute_url()).content.decode()
    assert "Long gone" not in html and "Annual meeting" not in html
    assert html.index("Comment window") < html.index("Second draft") < html.index("Final output")
    assert "Now" in block(html, "Comment window")
    assert url("calendar", bpf_a) in html
    assert "Follow this workstream" not in html  # anonymous: no follow button


def test_the_overview_offers_follow_to_signed_in_people(client, bpf_a, outsider):
    client.force_login(outsider)
    html = client.get(bpf_a.get_absolute_url()).content.decode()
    assert "Follow this workstream" in html and url("follow", bpf_a) in html


def test_the_timeline_and_action_items_tabs_are_shown_to_everyone_who_sees_the_workstream(
    client, bpf_a
):
    html = client.get(bpf_a.get_absolute_url()).content.decode()
    assert url("timeline", bpf_a) in html and url("action-items", bpf_a) in html
    html = client.get(url("timeline", bpf_a)).content.decode()
    assert f'href="{url("timeline", bpf_a)}" aria-current="page"' in html


def test_R_TL_1_the_calendar_feed_of_a_public_workstream_is_icalendar(client, secretariat, bpf_a):
    milestone(bpf_a, secretariat, "Kick-off", days(5))
    response = client.get(url("calendar", bpf_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{bpf_a.slug}.ics"'
    assert b"BEGIN:VCALENDAR" in response.content and b"Kick-off" in response.content


def test_a_proposed_workstream_has_no_public_calendar_feed(
    client, dc_proposed, dc_coordinator, secretariat
):
    milestone(dc_proposed, dc_coordinator, "Application sent", days(1))
    assert client.get(url("calendar", dc_proposed)).status_code == 404
    client.force_login(secretariat)  # even for people who may see the workstream
    assert client.get(url("calendar", dc_proposed)).status_code == 404
