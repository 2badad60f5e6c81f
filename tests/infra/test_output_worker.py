"""A real Celery worker, fed through Redis and working on PostgreSQL, renders a published
output to a ready PDF with WeasyPrint (R-CON-6); the same task delivered again renders
nothing twice."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.utils import timezone

from consultations import outputs, services
from consultations.models import Output
from consultations.tasks import render_output_task

from .conftest import clean_environ, url_of_test_database, wait_until
from .test_celery_worker import tasks_sent_to

BODY = """# Policy options

Connecting the next billion needs local answers.

Community networks are one of them.
"""


@pytest.mark.django_db(transaction=True)
def test_R_CON_6_a_real_worker_renders_the_published_output_to_pdf(
    postgres, redis_url, bpf_a, bpf_a_coordinator, processes, tmp_path, settings
):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    EmailAddress.objects.create(
        user=bpf_a_coordinator, email=bpf_a_coordinator.email, verified=True, primary=True
    )
    consultation = services.create_consultation(
        workstream=bpf_a, actor=bpf_a_coordinator, title="Worker-rendered options"
    )
    draft = services.create_draft(
        consultation=consultation, actor=bpf_a_coordinator, title="Worker draft", body=BODY
    )
    draft = services.publish_draft(draft=draft, actor=bpf_a_coordinator)
    now = timezone.now()
    services.add_phase(
        consultation=consultation,
        actor=bpf_a_coordinator,
        kind="comments",
        opens_at=now - dt.timedelta(days=2),
        closes_at=now - dt.timedelta(days=1),
        draft=draft,
    )
    worker = processes(
        "celery-worker",
        "-m",
        "celery",
        "-A",
        "igfportal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-l",
        "info",
        "-n",
        f"test-outputs-{tmp_path.name}@%h",
        env=clean_environ(
            DATABASE_URL=url_of_test_database(connection),
            REDIS_URL=redis_url,
            CELERY_TASK_ALWAYS_EAGER="0",
            MEDIA_ROOT=media,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            DB_CONN_MAX_AGE="0",
        ),
    )
    worker.wait_for_output(" ready.")

    with tasks_sent_to(redis_url):
        # Committed at once (transactional test): on_commit sends the task to Redis.
        output = outputs.publish_output(
            actor=bpf_a_coordinator, consultation=consultation, draft=draft
        )

        def rendered():
            output.refresh_from_db()
            return output.render_status != Output.RenderStatus.PENDING

        wait_until(
            rendered, timeout=120, what="the worker to render the output", processes=[worker]
        )
        assert output.render_status == Output.RenderStatus.READY, output.render_error
        pdf = (media / output.pdf.name).read_bytes()
        assert pdf.startswith(b"%PDF")
        # The task saves READY before the worker logs its success: wait for the log line.
        wait_until(
            lambda: "render_output_task" in worker.output() and "succeeded" in worker.output(),
            timeout=30,
            what="the worker to log the render's success",
            processes=[worker],
        )

        # Delivered again: idempotent, the same file and no new render.
        again = render_output_task.delay(output.pk)
        assert again.get(timeout=60) == Output.RenderStatus.READY
    output.refresh_from_db()
    assert output.render_attempts == 1
    assert (media / output.pdf.name).read_bytes() == pdf
