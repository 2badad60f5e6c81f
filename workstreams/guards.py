"""Hooks where other apps add rule checks to workstream transitions, without being imported.

A guard is called as guard(workstream=..., action=..., target=...) inside the transition's
transaction, after the row lock; it raises accounts.exceptions.DomainError (naming the rule)
to refuse. The mag app registers the check that a BPF has a MAG facilitator (R-BPF-3).
"""

TRANSITION_GUARDS = []


def register_transition_guard(guard):
    if guard not in TRANSITION_GUARDS:
        TRANSITION_GUARDS.append(guard)
    return guard


def check_transition(*, workstream, action, target):
    for guard in TRANSITION_GUARDS:
        guard(workstream=workstream, action=action, target=target)
