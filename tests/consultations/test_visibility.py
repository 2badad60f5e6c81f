"""Consultation.objects.visible_to(user) is permissions.can_view_consultation as one query:
the website's lists and the API use it, the detail pages ask the permission."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from consultations import permissions, services
from consultations.models import Consultation, Editor
from tests.factories import UserFactory, WorkstreamFactory
from workstreams.models import Membership, Workstream

pytestmark = pytest.mark.django_db


def test_visible_to_agrees_with_the_permission_for_every_case(secretariat, outsider):
    editor = UserFactory(email="editor@example.org")
    coordinators = {}
    consultations = []
    for index, (ws_status, status) in enumerate(
        itertools.product(
            [Workstream.Status.ACTIVE, Workstream.Status.PROPOSED],
            [Consultation.Status.PREPARING, Consultation.Status.OPEN],
        )
    ):
        workstream = WorkstreamFactory(status=ws_status, slug=f"ws-{index}")
        coordinator = UserFactory(email=f"c{index}@example.org")
        Membership.objects.create(
            workstream=workstream, user=coordinator, role=Membership.Role.COORDINATOR
        )
        coordinators[workstream.pk] = coordinator
        consultation = services.create_consultation(
            workstream=workstream, actor=secretariat, title=f"Round {index}"
        )
        Consultation.objects.filter(pk=consultation.pk).update(status=status)
        Editor.objects.create(consultation=consultation, user=editor, status=Editor.Status.APPROVED)
        consultations.append(consultation)
    people = [AnonymousUser(), outsider, editor, secretariat, *coordinators.values()]
    for person in people:
        shown = set(Consultation.objects.visible_to(person).values_list("pk", flat=True))
        for consultation in Consultation.objects.select_related("workstream"):
            allowed = permissions.can_view_consultation(person, consultation)
            assert (consultation.pk in shown) == allowed, (person, consultation.title)
