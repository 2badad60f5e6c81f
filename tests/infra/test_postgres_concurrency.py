"""Two Secretariat requests granting the same role at the same moment: one wins, one is told."""

import threading

import pytest
from django.db import connection

from accounts.exceptions import DomainError
from tests.factories import UserFactory, WorkstreamFactory
from workstreams import services
from workstreams.models import Membership, WorkstreamEvent


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_grants_of_one_role_give_one_membership_and_one_refusal(
    postgres, secretariat
):
    workstream = WorkstreamFactory(name="BPF on Concurrency")
    person = UserFactory(email="raced@example.org")
    barrier = threading.Barrier(2, timeout=30)
    outcomes = []

    def grant():
        try:
            barrier.wait()
            services.grant_role(
                workstream=workstream,
                user=person,
                role=Membership.Role.MEMBER,
                actor=secretariat,
                reason="both at once",
            )
            outcomes.append("granted")
        except DomainError:
            outcomes.append("refused")
        except Exception as error:  # anything else is the failure this test looks for
            outcomes.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=grant) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a grant never finished"

    assert sorted(outcomes, key=str) == ["granted", "refused"]
    assert Membership.objects.active().filter(workstream=workstream, user=person).count() == 1
    granted = WorkstreamEvent.objects.filter(
        workstream=workstream, verb=WorkstreamEvent.Verb.ROLE_GRANTED, subject_user=person
    )
    assert granted.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_for_the_last_api_token_place_give_one_token(postgres):
    from api.models import ApiToken
    from api.services import MAX_ACTIVE_TOKENS, issue_token

    person = UserFactory(email="token-racer@example.org")
    for n in range(MAX_ACTIVE_TOKENS - 1):
        issue_token(user=person, name=f"script {n}")
    barrier = threading.Barrier(2, timeout=30)
    outcomes = []

    def issue():
        try:
            barrier.wait()
            issue_token(user=person, name="the last place")
            outcomes.append("issued")
        except DomainError:
            outcomes.append("refused")
        except Exception as error:  # anything else is the failure this test looks for
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes, key=str) == ["issued", "refused"]
    assert ApiToken.objects.active().filter(user=person).count() == MAX_ACTIVE_TOKENS
