"""The Secretariat's review queue gathers pending applications of every kind.

Each kind registers a source; the queue asks each source for its rows (one query each), so
the queue costs a fixed number of queries however many applications wait.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewSource:
    key: str  # the kind filter value, e.g. "dc" or "nri"
    label: str
    # (statuses) -> a queryset of applications in those statuses, select_related("workstream")
    applications: Callable
    # (application) -> the URL where the Secretariat reviews and decides it
    review_url: Callable


REVIEW_SOURCES: dict[str, ReviewSource] = {}


def register_review_source(source):
    REVIEW_SOURCES[source.key] = source
    return source
