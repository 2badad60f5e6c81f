import datetime as dt

import pytest
from django.utils import timezone

from accounts.exceptions import DomainError
from timelines import services
from timelines.models import ActionItem, Milestone


def test_R_TL_1_a_removed_milestone_stays_on_record_and_cannot_be_changed_again(
    secretariat, bpf_a, bpf_a_coordinator
):
    milestone = services.create_milestone(
        workstream=bpf_a, title="Draft out", start=timezone.now().date(), actor=bpf_a_coordinator
    )
    services.remove_milestone(milestone=milestone, actor=bpf_a_coordinator, reason="Merged")
    with pytest.raises(DomainError, match="already been removed"):
        services.remove_milestone(milestone=milestone, actor=secretariat, reason="Again")
    with pytest.raises(DomainError, match="already been removed"):
        services.update_milestone(
            milestone=milestone, actor=secretariat, title="Back", start=timezone.now().date()
        )
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert (milestone.removed_by, milestone.remove_reason) == (bpf_a_coordinator, "Merged")
    assert not Milestone.objects.current().filter(pk=milestone.pk).exists()


def test_R_PN_10_open_items_come_first_then_by_deadline_with_to_be_set_last(
    secretariat, bpf_a, outsider
):
    today = timezone.now().date()

    def add(action, deadline):
        return services.create_action_item(
            workstream=bpf_a, action=action, deadline=deadline, actor=secretariat, users=[outsider]
        )

    done = add("Done early", today + dt.timedelta(days=1))
    add("Later", today + dt.timedelta(days=9))
    add("Unset", None)
    add("Sooner", today + dt.timedelta(days=2))
    services.complete_action_item(item=done, actor=outsider)
    assert list(ActionItem.objects.values_list("action", flat=True)) == [
        "Sooner",
        "Later",
        "Unset",
        "Done early",
    ]
