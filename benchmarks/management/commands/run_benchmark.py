"""`manage.py run_benchmark` (what `make bench` runs): the portal at scale against the targets
of issue 9, on PostgreSQL only.

Point DATABASE_URL at a PostgreSQL database the benchmark may fill, never at production:

    DATABASE_URL=postgres://user:password@127.0.0.1:5432/igfportal_bench make bench

It migrates that database, generates the scale data if it holds none (BENCH_SIZE=large by
default; small for a quick run), serves the portal with gunicorn and loads its pages, times
the reminder job and the PDF rendering, prints every figure and target (PASS or FAIL), and
writes var/bench/results-<date>.json and .md. A missed target does not change the exit
status unless --strict. The steps and what each measures are described in benchmarks/runner.py.
"""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmarks import runner
from benchmarks.scale import SIZES

ENVIRONMENT = (
    ("BENCH_SIZE", "size of the scale data: large (default) or small"),
    ("BENCH_SECONDS", "seconds measured per page (default 15)"),
    ("BENCH_WARMUP", "seconds of warm-up per page (default 3)"),
    ("BENCH_CLIENTS", "concurrent clients (default 4)"),
    ("BENCH_PDF_RUNS", "renders each way for the PDF median (default 3)"),
    ("BENCH_MAIL_SAMPLE", "emails sent to time the sending (default 5000)"),
    ("BENCH_UNCACHED_RUNS", "in-process renders per page with the page cache off (default 5)"),
)


class Command(BaseCommand):
    help = (
        "Benchmark the portal at scale (issue 9) on PostgreSQL: DATABASE_URL must point at a "
        "PostgreSQL database the benchmark may fill (e.g. DATABASE_URL=postgres://user:"
        "password@127.0.0.1:5432/igfportal_bench); SQLite is refused. Migrates it, generates "
        "the scale data if there is none, serves the portal with gunicorn (2 workers, DEBUG "
        "off, BENCHMARK=1), loads its main pages, times the reminder job and the PDF "
        "rendering, and prints every figure and target as PASS or FAIL. Environment: "
        + "; ".join(f"{name}: {meaning}" for name, meaning in ENVIRONMENT)
        + ". Never run it on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default=os.environ.get("BENCH_SIZE") or "large",
            help="Scale data size (default: BENCH_SIZE, else large).",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit with status 1 when a target is missed (the default exits 0).",
        )
        parser.add_argument(
            "--skip",
            action="append",
            choices=runner.PARTS,
            default=[],
            help="Leave out a part (repeatable); its targets are not evaluated.",
        )
        parser.add_argument(
            "--manifest",
            default=str(runner.DEFAULT_MANIFEST),
            help="The scale data's manifest (read, or written); default %(default)s.",
        )
        parser.add_argument(
            "--output-dir",
            default=str(runner.DEFAULT_OUTPUT_DIR),
            help="Where results-<date>.json and .md go; default %(default)s.",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Use the static files already collected (staticfiles/ with its manifest).",
        )

    def handle(self, *args, size, strict, skip, manifest, output_dir, no_collectstatic, **kw):
        if size not in SIZES:
            raise CommandError(f"BENCH_SIZE must be one of {', '.join(sorted(SIZES))}.")
        options = runner.Options(
            size=size,
            seconds=runner.env_number("BENCH_SECONDS", 15.0),
            warmup=runner.env_number("BENCH_WARMUP", 3.0),
            clients=runner.env_number("BENCH_CLIENTS", 4, int),
            pdf_runs=runner.env_number("BENCH_PDF_RUNS", 3, int),
            mail_sample=runner.env_number("BENCH_MAIL_SAMPLE", 5000, int),
            uncached_runs=runner.env_number("BENCH_UNCACHED_RUNS", 5, int),
            manifest=Path(manifest),
            output_dir=Path(output_dir),
            skip=frozenset(skip),
            collectstatic=not no_collectstatic,
        )

        def log(line):
            self.stdout.write(line)
            self.stdout.flush()

        try:
            results = runner.run(options, log=log)
        except KeyboardInterrupt:
            raise CommandError("Interrupted; gunicorn was stopped.") from None
        self.stdout.write("")
        self.stdout.write(runner.render_text(results))
        self.stdout.write("")
        self.stdout.write(f"Results: {results['files']['json']}")
        self.stdout.write(f"         {results['files']['markdown']} (for docs/benchmarks.md)")
        missed = [check for check in results["targets"] if not check["passed"]]
        if missed:
            self.stdout.write(
                self.style.WARNING(f"{len(missed)} of {len(results['targets'])} targets missed.")
            )
            if strict:
                raise CommandError("Targets missed (--strict).")
        else:
            self.stdout.write(self.style.SUCCESS(f"All {len(results['targets'])} targets met."))
