"""Demo only: give seeded applications an age, so the review queue's age filter and order
have something to show. Real records are never rewritten; this runs on fresh demo rows only.
"""

import datetime as dt

from django.db.models import F

from workstreams.models import DcApplication, NriApplication, WorkstreamEvent


def backdate(workstream, *, since, days):
    """Move what was recorded for `workstream` since `since` `days` into the past."""
    delta = dt.timedelta(days=days)
    WorkstreamEvent.objects.filter(workstream=workstream, created__gte=since).update(
        created=F("created") - delta
    )
    for model in (DcApplication, NriApplication):
        model.objects.filter(workstream=workstream, submitted_at__gte=since).update(
            submitted_at=F("submitted_at") - delta
        )
