"""DC annual reports (R-DC-4): rounds, reminders, "report overdue", inactive by decision only."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from tests.factories import IgfCycleFactory, WorkstreamFactory
from timelines import services as timeline_services
from timelines.models import Notification
from workstreams import dc, services
from workstreams.models import DcAnnualReport, Membership, Workstream, WorkstreamEvent

DUE = dt.date(2026, 6, 30)


@pytest.fixture
def cycle(db):
    return IgfCycleFactory(year=2026)


@pytest.fixture
def dc_active(db):
    return WorkstreamFactory(
        kind=Workstream.Kind.DC, name="DC on Reports", slug="dc-on-reports", status="active"
    )


@pytest.fixture
def dc_active_coordinator(dc_active, grant):
    from tests.factories import UserFactory

    user = UserFactory(email="reporter@example.org", display_name="Rae Reporter")
    grant(dc_active, user, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def report(dc_active, dc_active_coordinator, cycle, secretariat):
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC), tick=False):
        (report,) = dc.open_reporting_round(cycle=cycle, due_date=DUE, actor=secretariat)
    return report


def test_R_DC_4_a_reporting_round_asks_every_recognised_dc_once(
    cycle, dc_active, dc_proposed, secretariat
):
    inactive = WorkstreamFactory(kind="dc", name="DC Asleep", slug="dc-asleep", status="inactive")
    reports = dc.open_reporting_round(cycle=cycle, due_date=DUE, actor=secretariat)
    assert {r.workstream for r in reports} == {dc_active, inactive}
    assert dc.open_reporting_round(cycle=cycle, due_date=DUE, actor=secretariat) == []
    assert DcAnnualReport.objects.count() == 2


def test_R_DC_4_only_the_secretariat_opens_a_round(cycle, dc_coordinator):
    with pytest.raises(PermissionDenied):
        dc.open_reporting_round(cycle=cycle, due_date=DUE, actor=dc_coordinator)


def _collect_and_send(when):
    with time_machine.travel(when, tick=False):
        timeline_services.collect_due_reminders()
        timeline_services.deliver_pending()


def test_R_DC_4_coordinators_are_reminded_7_and_1_days_before_and_once_overdue(
    report, dc_active_coordinator, dc_active, grant
):
    # A member is not reminded: the report is the coordinators' duty.
    from tests.factories import UserFactory

    grant(dc_active, UserFactory(email="m@example.org"), Membership.Role.MEMBER)
    days = [
        dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC),  # too early
        dt.datetime(2026, 6, 23, 8, tzinfo=dt.UTC),  # 7 days before
        dt.datetime(2026, 6, 24, 8, tzinfo=dt.UTC),  # same occasion, not again
        dt.datetime(2026, 6, 29, 8, tzinfo=dt.UTC),  # 1 day before
        dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC),  # overdue
        dt.datetime(2026, 7, 2, 8, tzinfo=dt.UTC),  # overdue: once only
        dt.datetime(2026, 7, 9, 8, tzinfo=dt.UTC),
    ]
    for when in days:
        _collect_and_send(when)
    rows = Notification.objects.filter(kind="dc_annual_report_due").order_by("pk")
    assert [row.occasion for row in rows] == [
        "before-7:2026-06-30",
        "before-1:2026-06-30",
        "overdue:2026-06-30",
    ]
    assert {row.recipient for row in rows} == {dc_active_coordinator}
    assert [m.to for m in mail.outbox] == [["reporter@example.org"]] * 3
    assert "due on 30 Jun 2026, in 7 days" in mail.outbox[0].body
    assert "is overdue: it was due on 30 Jun 2026" in mail.outbox[-1].body
    assert "2026-06-30" not in mail.outbox[-1].alternatives[0][0]
    assert "Annual report overdue: DC on Reports (IGF 2026)" in mail.outbox[-1].subject


def test_R_DC_4_a_filed_report_is_not_reminded(report, dc_active_coordinator):
    dc.file_annual_report(report=report, actor=dc_active_coordinator, text="We met.")
    _collect_and_send(dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC))
    assert not Notification.objects.filter(kind="dc_annual_report_due").exists()


def test_R_DC_4_report_overdue_is_shown_on_the_dc_page_and_the_reports_page(
    client, report, dc_active, secretariat
):
    url = reverse("workstreams:detail", args=[dc_active.slug])
    with time_machine.travel(dt.datetime(2026, 6, 29, 8, tzinfo=dt.UTC), tick=False):
        assert "Report overdue" not in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC), tick=False):
        assert "Report overdue" in client.get(url).content.decode()
        client.force_login(secretariat)
        page = client.get(reverse("workstreams:dc-reports"), {"cycle": 2026}).content.decode()
        assert "Report overdue" in page and dc_active.name in page


def test_R_DC_4_an_overdue_dc_is_never_made_inactive_by_the_portal(report, dc_active):
    _collect_and_send(dt.datetime(2026, 8, 1, 8, tzinfo=dt.UTC))
    dc_active.refresh_from_db()
    assert dc_active.status == Workstream.Status.ACTIVE


def test_R_DC_4_inactive_is_the_secretariats_decision_with_a_reason(
    report, dc_active, dc_active_coordinator, secretariat
):
    with pytest.raises(PermissionDenied):
        services.apply_transition(
            workstream=dc_active, action="deactivate", actor=dc_active_coordinator, reason="x"
        )
    with pytest.raises(DomainError):
        services.apply_transition(
            workstream=dc_active, action="deactivate", actor=secretariat, reason=""
        )
    services.apply_transition(
        workstream=dc_active, action="deactivate", actor=secretariat, reason="No report."
    )
    dc_active.refresh_from_db()
    assert dc_active.status == Workstream.Status.INACTIVE


def test_R_DC_4_a_filed_report_restores_an_inactive_dc_recorded_with_the_coordinator(
    report, dc_active, dc_active_coordinator, secretariat
):
    services.apply_transition(
        workstream=dc_active, action="deactivate", actor=secretariat, reason="No report."
    )
    dc.file_annual_report(report=report, actor=dc_active_coordinator, text="Our year.")
    dc_active.refresh_from_db()
    assert dc_active.status == Workstream.Status.ACTIVE
    event = WorkstreamEvent.objects.filter(workstream=dc_active, to_status="active").latest("pk")
    assert event.actor == dc_active_coordinator
    assert event.from_status == "inactive"
    assert event.reason == "Annual report filed for IGF 2026"
    report.refresh_from_db()
    assert report.submitted_by == dc_active_coordinator


def test_R_DC_4_a_report_is_filed_once_and_not_empty(report, dc_active_coordinator):
    with pytest.raises(DomainError):
        dc.file_annual_report(report=report, actor=dc_active_coordinator, text="  ")
    dc.file_annual_report(report=report, actor=dc_active_coordinator, text="Done.")
    with pytest.raises(DomainError):
        dc.file_annual_report(report=report, actor=dc_active_coordinator, text="Again.")


def test_R_DC_7_a_coordinator_files_only_their_own_dcs_report(report, dc_coordinator):
    with pytest.raises(PermissionDenied):
        dc.file_annual_report(report=report, actor=dc_coordinator, text="Not mine.")


def test_R_DC_4_reminders_collect_in_a_bounded_number_of_queries(
    cycle, secretariat, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    for n in range(30):
        ws = WorkstreamFactory(kind="dc", name=f"DC {n}", slug=f"dc-n{n}", status="active")
        Membership.objects.create(
            workstream=ws, user=UserFactory(), role=Membership.Role.COORDINATOR
        )
    dc.open_reporting_round(cycle=cycle, due_date=DUE, actor=secretariat)
    now = dt.datetime(2026, 6, 23, 8, tzinfo=dt.UTC)
    with django_assert_max_num_queries(8):
        batches = list(dc.collect_report_reminders(now, batch_size=20))
    assert sum(len(batch) for batch in batches) == 30
