"""`make bench` (issue 9): the portal measured at scale on PostgreSQL, against its targets.

What it does, in order (each step is a function below, called by `run`):

1. Data. Refuses anything but PostgreSQL (production runs on it, and SQLite's figures would
   say nothing about it): DATABASE_URL must name a PostgreSQL database the benchmark may fill,
   for instance `DATABASE_URL=postgres://user:password@127.0.0.1:5432/igfportal_bench`.
   Migrates it, generates the scale data if it holds none (`generate_scale_data`, the large
   size unless BENCH_SIZE=small) and writes the manifest: the pages to load, the MAG member to
   sign in as, the counts. A manifest already there is used when it describes this database;
   otherwise it is rebuilt from the generated rows.
2. Pages. `collectstatic`, then gunicorn with 2 sync workers as production runs it (DEBUG
   off, whitenoise serving static files, the production settings otherwise) on a free
   loopback port, with BENCHMARK=1: a bare view at /bench/bare/ and an X-Query-Count header
   on every response. The load generator (benchmarks/load.py, its own process) loads the bare
   view and each page of the manifest with 4 clients for BENCH_SECONDS after a warm-up.
   Two settings differ from production, both for the load generator's sake: the anonymous
   API rate limit is raised (all clients come from one address and would be throttled after
   120 requests a minute, which measures the limit and not the API), and HTTPS-only settings
   are off (the benchmark speaks plain HTTP on loopback). Under this read-only load every
   anonymous page is a hit of the shared page cache after the warm-up, so each page is also
   rendered in this process with the cache off (one at a time, median of 5): what a miss
   costs, and the queries a hit hides (the draft's query target counts both).
3. Reminders. The reminder job over the due action items, timed: collect_due_reminders
   selects what is due, records each reminder in the outbox (a Notification row under its
   unique key) and so enqueues it: the portal has no Celery message per reminder, a pending
   outbox row *is* the queue entry, which the delivery step of the same beat task
   (deliver_pending, or deliver_notifications_task) drains. Delivery is held meanwhile
   (timelines.services.delivery_held) so nothing is sent inside the timed part. Then a second
   run (it must record 0), a count of rows per (recipient, subject, occasion) (none may
   appear twice), and the selection alone, timed apart. Deadline reminders default to
   immediate email (timelines.models.DEFAULT_EMAIL_MODES; the generated people set no
   preference), so sending is deliver_pending to Django's file backend in a temporary folder,
   timed over a fixed sample (BENCH_MAIL_SAMPLE, 5,000) and reported as a rate: sending
   every email would take minutes and measure the same thing. The sample is sent inside a
   transaction that is rolled back, and the benchmark's notifications are deleted at the end,
   so the next run starts from the same outbox.
4. PDF. An output published through consultations.services and outputs.publish_output,
   rendered by the Celery task in this process (render_output_task.apply, as eager mode
   runs it: build the HTML, hash it, WeasyPrint, store the file), against raw WeasyPrint on
   the same HTML with the same print stylesheet; median of BENCH_PDF_RUNS (3) each, taking
   turns to go first, pages counted with pdfinfo. The generated consultation's draft cannot
   be published as an output (it is a Policy Network's and lacks the sections of R-PN-9),
   so a consultation is made for it in the same workstream: the generated draft's text
   twice (a draft holds at most 200,000 characters) and enough of its comments copied into
   the register to reach about 100 pages. All of it runs in a transaction that is rolled
   back (the PDF files are deleted).
5. Report. Every figure and target, PASS or FAIL, printed and written to
   var/bench/results-<date>.json and .md with the machine's description.

gunicorn is stopped when the pages are done, and on any failure or Ctrl-C.
"""

import datetime as dt
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from . import load, scale

BASE_DIR = Path(settings.BASE_DIR)
DEFAULT_OUTPUT_DIR = BASE_DIR / "var" / "bench"
DEFAULT_MANIFEST = DEFAULT_OUTPUT_DIR / "manifest.json"
BARE_PATH = "/bench/bare/"
LOGIN_PATH = "/accounts/login/"
# The pages a shared cache may serve to anonymous readers (the target compares them with
# the bare view); the MAG dashboard is personal and never cached.
CACHED_READ_PAGES = ("home", "directory", "workstream", "draft", "agenda", "api")
# The large size's output is about 100 pages; the small size's (a quick run) about 10.
PDF_PAGES_WANTED = {"large": 100, "small": 10}
PDF_REGISTER_ROWS_PER_PAGE = 9.5

POSTGRESQL_NEEDED = (
    "The benchmark runs on PostgreSQL only, as production does; this database is {what}. "
    "Point DATABASE_URL at a PostgreSQL database the benchmark may fill (the large data "
    "takes about 200 MB), for instance:\n"
    "  DATABASE_URL=postgres://user:password@127.0.0.1:5432/igfportal_bench make bench\n"
    "(create it first: createdb -O user igfportal_bench). Never point it at production: "
    "the benchmark adds generated people, one with a known password."
)

TARGETS = {
    "draft_p95_ms": 150,
    "draft_queries": 15,
    "directory_p95_ms": 100,
    "cached_vs_bare_p95": 3.0,
    "pdf_vs_raw": 1.15,
    "reminders_seconds": 60,
}


@dataclass
class Options:
    size: str = "large"
    seconds: float = 15.0
    warmup: float = 3.0
    clients: int = 4
    workers: int = 2
    pdf_runs: int = 3
    mail_sample: int = 5000
    uncached_runs: int = 5
    manifest: Path = DEFAULT_MANIFEST
    output_dir: Path = DEFAULT_OUTPUT_DIR
    skip: frozenset = field(default_factory=frozenset)
    collectstatic: bool = True


def env_number(name, default, kind=float):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise CommandError(f"{name}={value!r} is not a number.") from None


# ---- 1. Data -------------------------------------------------------------------------------


def require_postgresql(database):
    """Refuse any database but PostgreSQL, saying how to point DATABASE_URL at one."""
    engine = database.get("ENGINE", "")
    if "postgresql" in engine:
        return
    vendor = engine.rsplit(".", 1)[-1] or "unknown"
    what = f"{vendor} ({database.get('NAME')})" if database.get("NAME") else vendor
    raise CommandError(POSTGRESQL_NEEDED.format(what=what))


def database_url(database):
    """A postgres:// URL for the database this process uses (the server must use the same)."""
    credentials = quote(database.get("USER") or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    at = f"{credentials}@" if credentials else ""
    return f"postgres://{at}{host}{port}/{quote(database['NAME'], safe='')}"


def manifest_describes_database(manifest, dataset):
    """True when the manifest was written for the generated data in this database."""
    from accounts.models import User
    from consultations.models import Consultation
    from mag.models import Meeting
    from workstreams.models import Workstream

    try:
        return (
            manifest["size"] == dataset.size
            and manifest["seed"] == dataset.seed
            and Consultation.objects.filter(
                pk=manifest["consultation"]["id"], slug=manifest["consultation"]["slug"]
            ).exists()
            and Workstream.objects.filter(
                pk=manifest["workstream"]["id"], slug=manifest["workstream"]["slug"]
            ).exists()
            and Meeting.objects.filter(slug=manifest["mag"]["meeting_slug"]).exists()
            and User.objects.filter(email=manifest["sign_in"]["email"]).exists()
            and {page["name"] for page in manifest["pages"]} >= set(CACHED_READ_PAGES)
        )
    except (KeyError, TypeError):
        return False


def manifest_from_database(dataset, password=scale.DEFAULT_PASSWORD):
    """The manifest generate_scale_data writes, rebuilt from the generated rows (same pages:
    the benchmark's workstream is the largest active DC, the draft the generated one)."""
    from accounts.models import User
    from consultations.models import Comment, Consultation, Draft
    from mag.models import AgendaItem, MagTerm, Meeting
    from timelines.models import ActionItem
    from workstreams.models import Workstream

    prefix = scale.SLUG_PREFIX
    consultation = Consultation.objects.filter(slug__startswith=prefix).order_by("pk").first()
    draft = (
        consultation.drafts.filter(status=Draft.Status.PUBLISHED).order_by("version").first()
        if consultation
        else None
    )
    workstream = (
        Workstream.objects.filter(
            slug__startswith=prefix, kind=Workstream.Kind.DC, status=Workstream.Status.ACTIVE
        )
        .annotate(members=Count("memberships"))
        .order_by("-members", "pk")
        .first()
    )
    meeting = (
        Meeting.objects.filter(slug__startswith=prefix, agenda_published=True)
        .order_by("-starts_at")
        .first()
    )
    member = User.objects.filter(email=scale.MAG_MEMBER_EMAIL).first()
    if not (consultation and draft and workstream and meeting and member):
        raise CommandError(
            "The generated data in this database is incomplete (no consultation, workstream, "
            "meeting or MAG member of its own). Run `python manage.py generate_scale_data "
            f"--size {dataset.size} --reset` and try again."
        )
    pages = [
        ("home", reverse("home"), False),
        ("directory", reverse("workstreams:list") + "?kind=nri&region=AFRICAN", False),
        ("workstream", reverse("workstreams:detail", args=[workstream.slug]), False),
        ("draft", reverse("consultations:draft", args=[consultation.slug, draft.version]), False),
        ("mag_dashboard", reverse("mag:my-duties"), True),
        ("agenda", reverse("mag:meeting", args=[meeting.slug]), False),
        ("api", reverse("api:workstream-list") + "?kind=dc&page_size=50", False),
    ]
    generated_items = ActionItem.objects.filter(workstream__slug__startswith=prefix)
    return {
        "size": dataset.size,
        "seed": dataset.seed,
        "generated_at": dataset.created.isoformat(),
        "rebuilt_from_database": True,
        "database": "postgresql",
        "site_url": settings.SITE_URL,
        "sign_in": {"email": member.email, "password": password},
        "pages": [
            {"name": name, "path": path, "sign_in": sign_in, "expect": 200}
            for name, path, sign_in in pages
        ],
        "workstream": {
            "slug": workstream.slug,
            "id": workstream.pk,
            "members": workstream.members,
        },
        "consultation": {
            "slug": consultation.slug,
            "id": consultation.pk,
            "version": draft.version,
            "draft_id": draft.pk,
            "paragraphs": draft.paragraphs.count(),
            "comments": Comment.objects.filter(draft=draft).count(),
            "visible_comments": Comment.objects.visible().filter(draft=draft).count(),
        },
        "mag": {
            "member_email": member.email,
            "member_id": member.pk,
            "terms": MagTerm.objects.filter(user__email__iendswith=scale.EMAIL_DOMAIN).count(),
            "meeting_slug": meeting.slug,
            "meeting_id": meeting.pk,
            "agenda_items": AgendaItem.objects.filter(day__meeting=meeting).count(),
        },
        "reminders": {"action_items_due_today": generated_items.open().count()},
        "counts": dict(dataset.counts),
    }


def prepare_data(options, log):
    """Migrate, generate the scale data if there is none, and return the manifest."""
    from .models import ScaleDataset

    log("Migrating the database.")
    call_command("migrate", interactive=False, verbosity=0)
    if not scale.existing_generated_data():
        log(f"No scale data in this database: generating the {options.size} size.")
        started = time.perf_counter()
        call_command(
            "generate_scale_data",
            "--size",
            options.size,
            "--manifest",
            str(options.manifest),
            stdout=_LogWriter(log),
        )
        log(f"Generated in {time.perf_counter() - started:.0f} s.")
    dataset = ScaleDataset.objects.first()
    if dataset is None:
        raise CommandError(
            "This database holds rows @scale.example or scale-* but no record of the run that "
            "made them. Run `python manage.py generate_scale_data --size "
            f"{options.size} --reset` and try again."
        )
    if dataset.size != options.size:
        raise CommandError(
            f"This database holds the {dataset.size} scale data, not the {options.size} size "
            f"asked for. Set BENCH_SIZE={dataset.size}, or replace it with `python manage.py "
            f"generate_scale_data --size {options.size} --reset`."
        )
    manifest = None
    if options.manifest.exists():
        try:
            manifest = json.loads(options.manifest.read_text(encoding="utf-8"))
        except ValueError:
            manifest = None
    if manifest is None or not manifest_describes_database(manifest, dataset):
        log(f"Writing the manifest from the generated data in the database: {options.manifest}")
        manifest = manifest_from_database(dataset)
        options.manifest.parent.mkdir(parents=True, exist_ok=True)
        options.manifest.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    else:
        log(f"Manifest: {options.manifest}")
    manifest["dataset_created"] = dataset.created.isoformat()
    return manifest


class _LogWriter:
    """A file-like object for call_command's stdout that sends each line to log()."""

    def __init__(self, log):
        self.log, self.buffer = log, ""

    def write(self, text):
        self.buffer += text
        while "\n" in self.buffer:
            line, self.buffer = self.buffer.split("\n", 1)
            self.log(line)

    def flush(self):
        if self.buffer:
            self.log(self.buffer)
            self.buffer = ""


# ---- 2. Pages ------------------------------------------------------------------------------


def collect_static(log):
    """collectstatic with DEBUG off, as production runs it (whitenoise's manifest storage)."""
    log("Collecting static files (DEBUG off, whitenoise's manifest storage).")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env={**os.environ, "DEBUG": "0", "BENCHMARK": "0"},
        check=True,
        timeout=600,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(port, database):
    """Production's settings from this environment, with DEBUG off and BENCHMARK on."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base_url = f"http://127.0.0.1:{port}"
    env.update(
        DJANGO_SETTINGS_MODULE="igfportal.settings",
        PYTHONUNBUFFERED="1",
        DEBUG="0",
        BENCHMARK="1",
        DATABASE_URL=database_url(database),
        SECRET_KEY="bench-" + secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=base_url,
        CSRF_TRUSTED_ORIGINS=base_url,
        # Plain HTTP on loopback: the HTTPS-only settings of .env.example would refuse it.
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        # Every client comes from 127.0.0.1: the per-address limit would answer 429.
        API_ANON_RATE="1000000/minute",
    )
    return env


class Server:
    """gunicorn serving the portal in the background; stop() ends it and its workers."""

    def __init__(self, *, workers, database, log_path, log):
        self.workers, self.database, self.log_path, self.log = workers, database, log_path, log
        self.popen = None
        self.base_url = None

    def start(self, timeout=60):
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log_file:
            self.popen = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "igfportal.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(self.workers),
                    "--access-logfile",
                    "-",
                ],
                cwd=BASE_DIR,
                env=server_environment(port, self.database),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                # Its own process group: Ctrl-C reaches the runner, which stops it in order.
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            if self.popen.poll() is not None:
                raise CommandError(
                    f"gunicorn exited ({self.popen.returncode}) while starting:\n{self.tail()}"
                )
            answer = self.probe()
            if answer is not None:
                status, queries = answer
                if status == 200 and queries is not None:
                    break
                raise CommandError(
                    f"{self.base_url}{BARE_PATH} answered {status} "
                    f"{'with' if queries is not None else 'without'} X-Query-Count: "
                    f"BENCHMARK=1 did not take effect.\n{self.tail()}"
                )
            if time.monotonic() > deadline:
                raise CommandError(f"gunicorn did not answer within {timeout} s:\n{self.tail()}")
            time.sleep(0.2)
        self.log(
            f"gunicorn (pid {self.popen.pid}, {self.workers} workers) serves {self.base_url}; "
            f"its log: {self.log_path}"
        )
        return self.base_url

    def probe(self):
        client = load.Client(self.base_url)
        try:
            status, headers, _body = client.request("GET", BARE_PATH)
        except OSError:
            return None
        finally:
            client.close()
        return status, headers.get("X-Query-Count")

    def tail(self, lines=30):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    @property
    def pid(self):
        return self.popen.pid if self.popen else None

    def stop(self, timeout=20):
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)
        self.log("gunicorn stopped.")


def load_config(manifest, options, base_url, server_pid):
    pages = [{"name": "bare", "path": BARE_PATH, "sign_in": False, "accept": "text/html"}]
    for page in manifest["pages"]:
        accept = "application/json" if page["path"].startswith("/api/") else "text/html"
        pages.append({**page, "accept": accept})
    return {
        "base_url": base_url,
        "clients": options.clients,
        "warmup": options.warmup,
        "seconds": options.seconds,
        "pages": pages,
        "sign_in": {"path": LOGIN_PATH, **manifest["sign_in"]},
        "server_pid": server_pid,
        "cache_header": page_cache_header(),
    }


def page_cache_header():
    """The header in which the shared page cache says hit or miss, if the portal has one."""
    try:
        from pagecache.cache import HIT_HEADER
    except ImportError:
        return "X-Page-Cache"
    return HIT_HEADER


def run_load(config, log):
    """Run benchmarks/load.py in its own process; its figures."""
    with tempfile.TemporaryDirectory(prefix="igfportal-bench-") as folder:
        config_path, out_path = Path(folder) / "config.json", Path(folder) / "out.json"
        config_path.write_text(json.dumps(config), encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.load", str(config_path), str(out_path)],
            cwd=BASE_DIR,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        printed = []
        try:
            for line in process.stdout:
                printed.append(line.rstrip("\n"))
                log(printed[-1])
            process.wait()
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(10)
        if process.returncode != 0 or not out_path.exists():
            raise CommandError(
                f"The load generator failed (exit {process.returncode}):\n"
                + "\n".join(printed[-20:])
            )
        return json.loads(out_path.read_text(encoding="utf-8"))


def bench_pages(manifest, options, log):
    if options.collectstatic:
        collect_static(log)
    server = Server(
        workers=options.workers,
        database=connection.settings_dict,
        log_path=options.output_dir / "gunicorn.log",
        log=log,
    )
    try:
        base_url = server.start()
        log(
            f"Loading {len(manifest['pages']) + 1} pages with {options.clients} clients, "
            f"{options.warmup:g} s warm-up and {options.seconds:g} s measured each."
        )
        result = run_load(load_config(manifest, options, base_url, server.pid), log)
    finally:
        server.stop()
    result["server"] = {
        "workers": options.workers,
        "worker_class": "sync",
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "redis": bool(os.environ.get("REDIS_URL")),
    }
    return result


def bench_uncached(manifest, options, log):
    """Each page rendered in this process with the shared page cache off, one request at a
    time: what a cache miss costs (after any write, or once a copy expires), which the
    figures under load hide when every answer is a hit. Median of `runs`; queries counted."""
    from django.test import Client

    from accounts.models import User

    from .middleware import QueryCounter

    member = User.objects.get(email=manifest["sign_in"]["email"])
    header = page_cache_header()
    results = []
    with override_settings(
        PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        for page in manifest["pages"]:
            # Not 127.0.0.1: the load just spent that address's API allowance (the server's
            # limit was raised; this process has the configured one).
            client = Client(REMOTE_ADDR="192.0.2.10")
            if page["sign_in"]:
                client.force_login(member)
            accept = "application/json" if page["path"].startswith("/api/") else "text/html"
            client.get(page["path"], HTTP_ACCEPT=accept)  # warm: templates, connections
            times, counts = [], []
            for _run in range(options.uncached_runs):
                counter = QueryCounter()
                with connection.execute_wrapper(counter):
                    started = time.perf_counter()
                    response = client.get(page["path"], HTTP_ACCEPT=accept)
                    times.append((time.perf_counter() - started) * 1000)
                counts.append(counter.count)
            if page["sign_in"]:
                client.logout()
            results.append(
                {
                    "name": page["name"],
                    "status": response.status_code,
                    "median_ms": statistics.median(times),
                    "max_ms": max(times),
                    "queries": max(counts),
                    "bytes": len(response.content),
                    # "hit" means the cache could not be turned off: the figure is not a miss.
                    "page_cache": response.get(header),
                }
            )
    log(
        "Uncached renders (in-process, page cache off): "
        + ", ".join(f"{r['name']} {r['median_ms']:.0f} ms" for r in results)
    )
    return results


# ---- 3. Reminders --------------------------------------------------------------------------


def _generated_notifications():
    from timelines.models import Notification

    return Notification.objects.filter(recipient__email__iendswith=f"@{scale.EMAIL_DOMAIN}")


def clear_benchmark_outbox():
    """Delete the notifications of generated people (the reminder job's work, measured here)."""
    return _generated_notifications().delete()[0]


def bench_reminders(manifest, options, log):
    from timelines import registry
    from timelines.models import EmailMode, Notification
    from timelines.services import collect_due_reminders, deliver_pending, delivery_held

    removed = clear_benchmark_outbox()
    if removed:
        log(f"Removed {removed:,} notifications of generated people left by an earlier run.")
    last_pk = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    new_rows = Notification.objects.filter(pk__gt=last_pk)
    result = {"expected_due": manifest["reminders"]["action_items_due_today"]}
    try:
        log("Reminder job: collect_due_reminders (delivery held) ...")
        with delivery_held():
            started = time.perf_counter()
            result["recorded"] = collect_due_reminders(now=timezone.now())
            result["job_seconds"] = time.perf_counter() - started
            log(f"  recorded {result['recorded']:,} in {result['job_seconds']:.1f} s; again ...")
            started = time.perf_counter()
            result["second_run_recorded"] = collect_due_reminders(now=timezone.now())
            result["second_run_seconds"] = time.perf_counter() - started
        started, selected = time.perf_counter(), 0
        now, batch_size = timezone.now(), settings.REMINDER_BATCH_SIZE
        for kind in registry.KINDS.values():
            for batch in kind.collect(now, batch_size):
                selected += len(batch)
        result["select_only_seconds"] = time.perf_counter() - started
        result["select_only_occasions"] = selected
        result["batch_size"] = batch_size

        result["rows"] = new_rows.count()
        result["by_kind"] = dict(
            new_rows.values_list("kind").annotate(n=Count("pk")).order_by("kind")
        )
        result["by_email_mode"] = dict(
            new_rows.values_list("email_mode").annotate(n=Count("pk")).order_by("email_mode")
        )
        result["pending"] = new_rows.filter(email_status=Notification.EmailStatus.PENDING).count()
        result["action_items_reminded"] = (
            new_rows.filter(kind="action_item_deadline").values("subject").distinct().count()
        )
        result["duplicate_keys"] = (
            new_rows.values("recipient_id", "subject", "occasion")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .count()
        )
        result["recipients"] = new_rows.values("recipient_id").distinct().count()

        immediate = new_rows.filter(
            email_status=Notification.EmailStatus.PENDING, email_mode=EmailMode.IMMEDIATE
        )
        result["mail"] = bench_mail(immediate, options.mail_sample, deliver_pending, log)
        digest = result["by_email_mode"].get(EmailMode.DIGEST, 0)
        result["mail"]["digest_rows"] = digest
    finally:
        clear_benchmark_outbox()
    return result


def bench_mail(immediate, sample_size, deliver_pending, log):
    """deliver_pending over the first sample_size immediate rows, to files; rolled back."""
    from timelines.models import EmailMode, Notification

    ids = list(immediate.order_by("pk").values_list("pk", flat=True)[:sample_size])
    total = immediate.count()
    result = {"pending_immediate": total, "sample": len(ids)}
    if not ids:
        return result
    folder = Path(tempfile.mkdtemp(prefix="igfportal-bench-mail-"))
    log(f"Sending {len(ids):,} of {total:,} immediate emails to files in {folder} ...")
    try:
        with transaction.atomic():
            # Everything else pending is set aside (in this transaction only): the sample is
            # what deliver_pending finds, exactly as it would find the oldest rows first.
            Notification.objects.filter(
                email_status=Notification.EmailStatus.PENDING, email_mode=EmailMode.IMMEDIATE
            ).exclude(pk__in=ids).update(email_status=Notification.EmailStatus.NOT_WANTED)
            with override_settings(
                EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                EMAIL_FILE_PATH=str(folder),
            ):
                started = time.perf_counter()
                sent, failed = deliver_pending()
                seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        # The file backend appends each message to a file per connection (a few share a name).
        files = list(folder.iterdir())
        result.update(
            sent=sent,
            failed=failed,
            seconds=seconds,
            rate=sent / seconds if seconds else None,
            bytes=sum(path.stat().st_size for path in files),
            all_pending_estimate_seconds=total / (sent / seconds) if sent and seconds else None,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


# ---- 4. PDF --------------------------------------------------------------------------------


def pdf_pages(data):
    """Pages of a PDF, by poppler's pdfinfo; None when pdfinfo is not installed or fails."""
    if not shutil.which("pdfinfo"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        info = subprocess.run(
            ["pdfinfo", pdf.name], capture_output=True, text=True, check=False, timeout=60
        ).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split(":", 1)[1])
    return None


def long_draft_body(body, copies):
    """The generated draft's Markdown, `copies` times, each copy its own part."""
    return "\n\n".join(f"# Part {n}\n\n{body}" for n in range(1, copies + 1))


def pdf_document(manifest, body_length):
    """(copies of the generated draft, comments in the register) for an output of about
    PDF_PAGES_WANTED pages (100 for the large size). A draft holds at most DRAFT_BODY_MAX
    characters (two copies of the large draft); the comment register makes up the rest, as in
    a real output. Measured with the portal's print stylesheet: the large draft prints as 43
    A4 pages, and the register holds about PDF_REGISTER_ROWS_PER_PAGE comments a page."""
    from consultations.services import DRAFT_BODY_MAX

    copies = max(1, min(2, DRAFT_BODY_MAX // (body_length + 20)))
    text_pages = 1 + 43 * copies * manifest["consultation"]["paragraphs"] / 300
    wanted = PDF_PAGES_WANTED.get(manifest["size"], 100)
    comments = round(max(0, wanted - text_pages) * PDF_REGISTER_ROWS_PER_PAGE)
    return copies, comments


def copy_comments(source, draft, phase, limit):
    """The first `limit` visible top-level comments of the generated draft, on the paragraphs
    of the new draft with the same numbers (bulk, as the generator makes comments)."""
    from consultations.models import Comment

    paragraphs = {paragraph.number: paragraph for paragraph in draft.paragraphs.all()}
    comments = list(
        Comment.objects.visible()
        .filter(draft=source, parent__isnull=True)
        .select_related("paragraph")
        .order_by("pk")[:limit]
    )
    numbers = sorted(paragraphs)
    copies = [
        Comment(
            draft=draft,
            phase=phase,
            paragraph=paragraphs.get(comment.paragraph.number) or paragraphs[numbers[-1]],
            author_id=comment.author_id,
            body=comment.body,
            language=comment.language,
            named_in_output=comment.named_in_output,
        )
        for comment in comments
    ]
    Comment.objects.bulk_create(copies)
    return len(copies)


def remove_empty_folders(files):
    """The folders the deleted PDFs leave behind in a file system storage, if now empty (the
    consultation they were named after was rolled back)."""
    for file in files:
        try:
            folder = Path(file.storage.path(file.name)).parent
        except NotImplementedError:  # not a file system storage: no folders to leave
            return
        root = Path(file.storage.location)
        while folder != root and root in folder.parents:
            try:
                folder.rmdir()
            except OSError:  # not empty, or already gone
                break
            folder = folder.parent


def raw_weasyprint(html, css):
    """WeasyPrint alone: the same HTML and print stylesheet, nothing around them."""
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(stylesheets=[CSS(string=css)])


def bench_pdf(manifest, options, log):
    from accounts.models import User
    from consultations import outputs
    from consultations import services as consultation_services
    from consultations.models import Consultation, Output, Phase
    from consultations.tasks import render_output_task

    generated = Consultation.objects.select_related("workstream").get(
        pk=manifest["consultation"]["id"]
    )
    source = generated.drafts.get(version=manifest["consultation"]["version"])
    actor = User.objects.get(email=scale.SECRETARIAT_EMAIL)
    copies, comment_count = pdf_document(manifest, len(source.body))
    css = outputs.PRINT_CSS.read_text(encoding="utf-8")
    result = {"copies": copies, "runs": options.pdf_runs, "portal": [], "raw": []}
    stored = []
    try:
        with transaction.atomic():
            consultation = consultation_services.create_consultation(
                workstream=generated.workstream,
                actor=actor,
                title=f"{generated.title} (benchmark output)",
                slug=f"{scale.SLUG_PREFIX}bench-output",
            )
            draft = consultation_services.create_draft(
                consultation=consultation,
                actor=actor,
                title=source.title,
                body=long_draft_body(source.body, copies),
            )
            draft = consultation_services.publish_draft(draft=draft, actor=actor)
            now = timezone.now()
            phase = consultation_services.add_phase(
                consultation=consultation,
                actor=actor,
                kind=Phase.Kind.COMMENT_WINDOW,
                opens_at=now - dt.timedelta(days=1),
                closes_at=now + dt.timedelta(days=1),
                draft=draft,
            )
            result["paragraphs"] = draft.paragraphs.count()
            result["comments"] = copy_comments(source, draft, phase, comment_count)
            log(
                f"PDF: an output of {result['paragraphs']} paragraphs (the generated draft "
                f"{copies} times) and {result['comments']} comments in its register; "
                f"{options.pdf_runs} renders each way, taking turns to go first, after a "
                "warm-up ..."
            )
            raw_weasyprint("<p>warm-up</p>", css)  # fonts and WeasyPrint's caches, untimed
            for run in range(options.pdf_runs):
                # A new version each time: its HTML differs (it names the version), so the
                # content-hash reuse never applies and every render is a real one.
                output = outputs.publish_output(actor=actor, consultation=consultation, draft=draft)
                # The HTML the task will build (the same bytes: checked below), so raw
                # WeasyPrint can go first on every other run: whichever renders second in a
                # pair runs on a warmer process, and alternating cancels that out.
                html = outputs.build_html(output)
                timings = {}

                def portal(output=output, timings=timings):
                    started = time.perf_counter()
                    status = render_output_task.apply(args=(output.pk,), throw=True).get()
                    timings["portal"] = time.perf_counter() - started
                    if status != Output.RenderStatus.READY:
                        error = Output.objects.get(pk=output.pk).render_error
                        raise CommandError(f"Rendering failed: {error}")

                def raw(html=html, timings=timings):
                    started = time.perf_counter()
                    timings["raw_pdf"] = raw_weasyprint(html, css)
                    timings["raw"] = time.perf_counter() - started

                for step in (portal, raw) if run % 2 == 0 else (raw, portal):
                    step()
                output = Output.objects.get(pk=output.pk)
                stored.append(output.pdf)
                if output.html != html:
                    raise CommandError("The task rendered other HTML than build_html gave.")
                result["portal"].append(timings["portal"])
                result["raw"].append(timings["raw"])
                if run == 0:
                    with output.pdf.open("rb") as handle:
                        portal_pdf = handle.read()
                    result["html_bytes"] = len(html.encode("utf-8"))
                    result["portal_pages"] = pdf_pages(portal_pdf)
                    result["raw_pages"] = pdf_pages(timings["raw_pdf"])
                    result["portal_bytes"] = len(portal_pdf)
                    result["raw_bytes"] = len(timings["raw_pdf"])
                first = "portal first" if run % 2 == 0 else "raw first"
                log(
                    f"  run {run + 1} ({first}): portal {timings['portal']:.2f} s, "
                    f"raw WeasyPrint {timings['raw']:.2f} s"
                )
            transaction.set_rollback(True)
    finally:
        for pdf in stored:
            pdf.storage.delete(pdf.name)
        remove_empty_folders(stored)
    result["portal_median"] = statistics.median(result["portal"])
    result["raw_median"] = statistics.median(result["raw"])
    result["ratio"] = result["portal_median"] / result["raw_median"]
    return result


# ---- 5. Report -----------------------------------------------------------------------------


def _read(path):
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return ""


def _version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def machine_description():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    memory_kb = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        None,
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu,
        "cores": cores,
        "ram_gib": round(memory_kb / 1024 / 1024, 1) if memory_kb else None,
        "os": platform.platform(),
        "postgresql": postgresql,
        "python": platform.python_version(),
        "django": _version("django"),
        "gunicorn": _version("gunicorn"),
        "weasyprint": _version("weasyprint"),
    }


def _check(name, figure, passed, target):
    return {"target": name, "goal": target, "figure": figure, "passed": passed}


def _ratio(value, limit, digits):
    """value as "1.23x", with more digits when rounding would hide which side of the limit
    it is on (1.1503 against 1.15 prints as 1.1503x, not 1.150x)."""
    for places in range(digits, digits + 4):
        text = f"{value:.{places}f}"
        if (float(text) <= limit) == (value <= limit):
            return f"{text}x"
    return f"{value}x"


def _ms(value):
    return "no figure" if value is None else f"{value:.1f} ms"


def evaluate(results):
    """Every target of issue 9, PASS or FAIL, with its figure; skipped parts give none."""
    checks = []
    load_result = results.get("load")
    if load_result:
        pages = {page["name"]: page for page in load_result["pages"]}
        draft, directory, bare = pages.get("draft"), pages.get("directory"), pages.get("bare")
        if draft:
            p95 = draft["p95_ms"]
            checks.append(
                _check(
                    "draft page p95",
                    _ms(p95),
                    p95 is not None and p95 <= TARGETS["draft_p95_ms"],
                    f"<= {TARGETS['draft_p95_ms']} ms",
                )
            )
            # Served answers may all be cache hits (0 queries); the render behind a miss
            # counts too, or the cache would hide an N+1.
            served = draft["queries_max"]
            uncached = next(
                (u for u in results.get("uncached") or [] if u["name"] == "draft"), None
            )
            counts = [n for n in (served, uncached and uncached["queries"]) if n is not None]
            figure = "no figure" if served is None else f"{draft['queries_min']}-{served} served"
            if uncached:
                figure += f", {uncached['queries']} uncached"
            checks.append(
                _check(
                    "draft page SQL queries",
                    figure,
                    bool(counts) and max(counts) <= TARGETS["draft_queries"],
                    f"<= {TARGETS['draft_queries']}",
                )
            )
        if directory:
            p95 = directory["p95_ms"]
            checks.append(
                _check(
                    "directory p95",
                    _ms(p95),
                    p95 is not None and p95 <= TARGETS["directory_p95_ms"],
                    f"<= {TARGETS['directory_p95_ms']} ms",
                )
            )
        limit = TARGETS["cached_vs_bare_p95"]
        for name in CACHED_READ_PAGES:
            page = pages.get(name)
            if not page:
                continue
            ratio = page.get("ratio_p95")
            figure = (
                "no figure"
                if ratio is None
                else f"{_ratio(ratio, limit, 2)} ({_ms(page['p95_ms'])} / bare "
                f"{_ms(bare and bare['p95_ms'])})"
            )
            checks.append(
                _check(
                    f"{name} p95 vs bare p95 (anonymous)",
                    figure,
                    ratio is not None and ratio <= limit,
                    f"<= {limit:g}x",
                )
            )
        failing = {page["name"]: page["errors"] for page in load_result["pages"] if page["errors"]}
        checks.append(
            _check(
                "every request answered 200",
                ", ".join(f"{name}: {n} errors" for name, n in failing.items()) or "0 errors",
                not failing,
                "0 errors",
            )
        )
    pdf = results.get("pdf")
    if pdf:
        checks.append(
            _check(
                "PDF through the portal vs raw WeasyPrint",
                f"{_ratio(pdf['ratio'], TARGETS['pdf_vs_raw'], 3)} "
                f"({pdf['portal_median']:.2f} s / {pdf['raw_median']:.2f} s)",
                pdf["ratio"] <= TARGETS["pdf_vs_raw"],
                f"<= {TARGETS['pdf_vs_raw']:g}x",
            )
        )
    reminders = results.get("reminders")
    if reminders:
        seconds = reminders["job_seconds"]
        checks.append(
            _check(
                "reminder job: select, record, enqueue",
                f"{seconds:.1f} s for {reminders['recorded']:,} reminders",
                seconds <= TARGETS["reminders_seconds"],
                f"<= {TARGETS['reminders_seconds']} s",
            )
        )
        expected, reminded = reminders["expected_due"], reminders["action_items_reminded"]
        checks.append(
            _check(
                "reminder job: every due action item reminded",
                f"{reminded:,} of {expected:,}",
                reminded >= expected,
                f"{expected:,}",
            )
        )
        duplicates, again = reminders["duplicate_keys"], reminders["second_run_recorded"]
        checks.append(
            _check(
                "reminder job: no duplicate",
                f"{duplicates} duplicate keys; second run recorded {again}",
                duplicates == 0 and again == 0,
                "0 and 0",
            )
        )
    return checks


def _fmt(value, digits=1, suffix=""):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{suffix}"
    return f"{value:,}{suffix}"


PAGE_COLUMNS = (
    "page",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "req/s",
    "errors",
    "queries",
    "size KB",
    "cache hits",
    "x bare p50",
    "x bare p95",
    "server CPU",
    "load CPU",
    "machine CPU",
)


def page_rows(load_result):
    rows = []
    for page in load_result["pages"]:
        queries = (
            "-"
            if page["queries_min"] is None
            else (
                str(page["queries_min"])
                if page["queries_min"] == page["queries_max"]
                else f"{page['queries_min']}-{page['queries_max']}"
            )
        )
        size = (
            "-"
            if page["bytes_max"] is None
            else (
                f"{page['bytes_max'] / 1024:.1f}"
                if page["bytes_min"] == page["bytes_max"]
                else f"{page['bytes_min'] / 1024:.1f}-{page['bytes_max'] / 1024:.1f}"
            )
        )
        errors = str(page["errors"])
        if page["errors"]:
            errors += " (" + ", ".join(f"{k}: {v}" for k, v in page["error_statuses"].items()) + ")"
        name = page["name"] + (" (signed in)" if page.get("sign_in") else "")
        cache = page.get("page_cache") or {}
        hits = f"{100 * cache.get('hit', 0) / sum(cache.values()):.0f} %" if cache else "-"
        rows.append(
            [
                name,
                _fmt(page["p50_ms"]),
                _fmt(page["p95_ms"]),
                _fmt(page["p99_ms"]),
                _fmt(page["rps"]),
                errors,
                queries,
                size,
                hits,
                _fmt(page["ratio_p50"], 2, "x"),
                _fmt(page["ratio_p95"], 2, "x"),
                _fmt(page["server_cpu_percent"], 0, " %"),
                _fmt(page["load_cpu_percent"], 0, " %"),
                _fmt(page["machine_cpu_percent"], 0, " %"),
            ]
        )
    return rows


def text_table(headers, rows, numeric=True):
    """Aligned columns; numeric tables right-align every column but the first."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            str(cell).rjust(width) if index and numeric else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *map(line, rows)]


def markdown_table(headers, rows):
    def line(cells):
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    align = ["---"] + ["---:"] * (len(headers) - 1)
    return [line(headers), "| " + " | ".join(align) + " |", *map(line, rows)]


def describe(results):
    """[(heading, [lines of prose], (headers, rows) or None)]: the report, for both formats."""
    machine, data = results["machine"], results["data"]
    sections = []
    sections.append(
        (
            "Machine",
            [
                f"Date: {results['date']}",
                f"CPU: {machine['cpu']}, {machine['cores']} cores; RAM {machine['ram_gib']} GiB",
                f"OS: {machine['os']}",
                f"PostgreSQL {machine['postgresql']}; Python {machine['python']}; "
                f"Django {machine['django']}; gunicorn {machine['gunicorn']}; "
                f"WeasyPrint {machine['weasyprint']}",
                f"Data: {data['size']} size (seed {data['seed']}, generated "
                f"{data['generated_at']}): {data['summary']}",
            ],
            None,
        )
    )
    load_result = results.get("load")
    if load_result:
        server = load_result["server"]
        sections.append(
            (
                "Pages",
                [
                    f"gunicorn, {server['workers']} {server['worker_class']} workers, DEBUG off, "
                    f"whitenoise; shared cache: {server['cache']}; PostgreSQL on the same machine.",
                    f"{load_result['clients']} client processes (benchmarks/load.py), "
                    f"{load_result['warmup']:g} s warm-up then {load_result['seconds']:g} s "
                    "measured per page; latency is the client's, connect to last byte.",
                    "cache hits: answers the shared page cache served (its X-Page-Cache header).",
                    "x bare: the page's latency over the bare view's (/bench/bare/, a static "
                    "template through the same middleware) in the same run. CPU: % of one core "
                    f"(the machine has {machine['cores']}) over the measured window; machine = "
                    "every process, PostgreSQL's included.",
                    f"Load generator over the whole run: "
                    f"{_fmt(load_result['load_cpu_percent_overall'], 0, ' %')} of one core.",
                ],
                (PAGE_COLUMNS, page_rows(load_result)),
            )
        )
    uncached = results.get("uncached")
    if uncached:
        sections.append(
            (
                "Pages uncached",
                [
                    "Each page rendered in the benchmark's own process with the page cache off "
                    "(PAGE_CACHE_SECONDS=0), one request at a time: what a miss costs, after a "
                    "write or once a copy expires. Not a target; the figures above are.",
                ],
                (
                    ("page", "median ms", "max ms", "queries", "size KB", "status"),
                    [
                        [
                            row["name"],
                            _fmt(row["median_ms"]),
                            _fmt(row["max_ms"]),
                            _fmt(row["queries"]),
                            f"{row['bytes'] / 1024:.1f}",
                            str(row["status"])
                            + (" (cache hit: not bypassed)" if row["page_cache"] == "hit" else ""),
                        ]
                        for row in uncached
                    ],
                ),
            )
        )
    reminders = results.get("reminders")
    if reminders:
        mail = reminders["mail"]
        rows = [
            ["reminders recorded (first run)", _fmt(reminders["recorded"])],
            ["rows in the outbox", _fmt(reminders["rows"])],
            ["  by kind", ", ".join(f"{k} {v:,}" for k, v in reminders["by_kind"].items())],
            [
                "  by email mode",
                ", ".join(f"{k} {v:,}" for k, v in reminders["by_email_mode"].items()),
            ],
            ["pending (enqueued for delivery)", _fmt(reminders["pending"])],
            [
                "action items reminded / due",
                f"{reminders['action_items_reminded']:,} / {reminders['expected_due']:,}",
            ],  # fmt: skip
            ["recipients", _fmt(reminders["recipients"])],
            ["job time (select + record + enqueue)", _fmt(reminders["job_seconds"], 1, " s")],
            ["  rate", _fmt(reminders["recorded"] / reminders["job_seconds"], 0, " /s")],
            ["selection alone", _fmt(reminders["select_only_seconds"], 1, " s")],
            ["second run: recorded", _fmt(reminders["second_run_recorded"])],
            ["second run: time", _fmt(reminders["second_run_seconds"], 1, " s")],
            ["duplicate (recipient, subject, occasion)", _fmt(reminders["duplicate_keys"])],
            ["batch size (REMINDER_BATCH_SIZE)", _fmt(reminders["batch_size"])],
        ]
        if mail.get("sample"):
            rows += [
                [
                    "sending: sample (deliver_pending, file backend)",
                    f"{mail['sent']:,} sent, {mail['failed']:,} failed of "
                    f"{mail['pending_immediate']:,} pending",
                ],
                ["sending: time", _fmt(mail["seconds"], 1, " s")],
                ["sending: rate", _fmt(mail["rate"], 0, " emails/s")],
                [
                    "sending: all pending, estimated",
                    _fmt(mail["all_pending_estimate_seconds"], 0, " s"),
                ],
                ["sending: written to files", f"{mail['bytes'] / 1e6:.1f} MB"],
            ]
        rows.append(["digest rows (send_digests not timed)", _fmt(mail.get("digest_rows", 0))])
        sections.append(
            (
                "Reminders",
                [
                    "collect_due_reminders with delivery held: selecting, recording in the "
                    "outbox and enqueueing (a pending outbox row is the queue entry the "
                    "delivery step drains). Sending timed apart on a sample, rolled back.",
                ],
                (("", "figure"), rows),
            )
        )
    pdf = results.get("pdf")
    if pdf:
        rows = [
            [
                "document",
                f"{pdf['paragraphs']} paragraphs ({pdf['copies']} x the generated "
                f"draft), HTML {pdf['html_bytes'] / 1024:.0f} KB",
            ],  # fmt: skip
            ["pages (pdfinfo): portal / raw", f"{pdf['portal_pages']} / {pdf['raw_pages']}"],
            ["portal (render_output_task), runs", ", ".join(f"{s:.2f} s" for s in pdf["portal"])],
            ["raw WeasyPrint, runs", ", ".join(f"{s:.2f} s" for s in pdf["raw"])],
            ["median: portal / raw", f"{pdf['portal_median']:.2f} s / {pdf['raw_median']:.2f} s"],
            ["ratio", f"{pdf['ratio']:.3f}x"],
        ]
        sections.append(
            (
                "PDF",
                [
                    "An output published through the consultations services and rendered by "
                    "the Celery task's body, against WeasyPrint alone on the same HTML and "
                    f"print stylesheet; median of {pdf['runs']} each, taking turns to go first."
                ],
                (("", "figure"), rows),
            )
        )
    checks = results["targets"]
    sections.append(
        (
            "Targets",
            ["A miss is a finding to fix, never a reason to move a target (issue 9)."],
            (
                ("result", "target", "goal", "figure"),
                [
                    ["PASS" if c["passed"] else "FAIL", c["target"], c["goal"], c["figure"]]
                    for c in checks
                ],
            ),
        )
    )
    return sections


def render_text(results):
    lines = [f"igfportal benchmark (issue 9), {results['date']}"]
    for heading, prose, table in describe(results):
        lines += ["", f"== {heading} =="]
        lines += prose
        if table:
            lines += [""] + text_table(*table, numeric=heading.startswith("Pages"))
    return "\n".join(lines)


def render_markdown(results):
    lines = [
        f"## Results of {results['date'][:10]}",
        "",
        f"`make bench` (BENCH_SIZE={results['data']['size']}, "
        f"BENCH_SECONDS={results['options']['seconds']:g}), as printed.",
    ]
    for heading, prose, table in describe(results):
        lines += ["", f"### {heading}", ""]
        lines += [f"- {line}" if heading == "Machine" else line for line in prose]
        if table:
            lines += [""] + markdown_table(*table)
    return "\n".join(lines) + "\n"


def data_summary(manifest):
    counts = manifest.get("counts", {})

    def n(label):
        return f"{counts.get(label, 0):,}"

    return (
        f"{n('accounts.User')} people, {n('workstreams.Workstream')} workstreams, "
        f"{n('timelines.ActionItem')} action items, a draft of "
        f"{manifest['consultation']['paragraphs']} paragraphs with "
        f"{manifest['consultation']['comments']:,} comments"
    )


# ---- The run -------------------------------------------------------------------------------


@contextmanager
def stop_on_sigterm():
    """SIGTERM ends the run like Ctrl-C does: through every finally (gunicorn is stopped)."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


PARTS = ("pages", "reminders", "pdf")


def run(options, log=print):
    """The whole benchmark; returns the results (also written as JSON and Markdown)."""
    require_postgresql(connection.settings_dict)
    options.output_dir.mkdir(parents=True, exist_ok=True)
    started = timezone.now()
    with stop_on_sigterm(), override_settings(DEBUG=False):
        manifest = prepare_data(options, log)
        results = {
            "date": started.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "options": {
                "size": options.size,
                "seconds": options.seconds,
                "warmup": options.warmup,
                "clients": options.clients,
                "workers": options.workers,
                "pdf_runs": options.pdf_runs,
                "mail_sample": options.mail_sample,
                "uncached_runs": options.uncached_runs,
                "skipped": sorted(options.skip),
            },
            "machine": machine_description(),
            "data": {
                "size": manifest["size"],
                "seed": manifest["seed"],
                "generated_at": manifest.get("generated_at", "?")[:16].replace("T", " "),
                "summary": data_summary(manifest),
            },
            "manifest": manifest,
        }
        if "pages" not in options.skip:
            results["load"] = bench_pages(manifest, options, log)
            results["uncached"] = bench_uncached(manifest, options, log)
        if "reminders" not in options.skip:
            results["reminders"] = bench_reminders(manifest, options, log)
        if "pdf" not in options.skip:
            results["pdf"] = bench_pdf(manifest, options, log)
    results["targets"] = evaluate(results)
    results["manifest"] = {
        key: value for key, value in manifest.items() if key not in ("sign_in", "steps")
    }
    stamp = started.astimezone(dt.UTC).strftime("%Y-%m-%d")
    json_path = options.output_dir / f"results-{stamp}.json"
    markdown_path = options.output_dir / f"results-{stamp}.md"
    json_path.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    markdown_path.write_text(render_markdown(results), encoding="utf-8")
    results["files"] = {"json": str(json_path), "markdown": str(markdown_path)}
    return results
