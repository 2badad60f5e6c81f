"""`manage.py generate_scale_data --size small|large`: realistic data at scale (issue 9).

The rows are made by benchmarks.scale; this command checks the database, prints what was made
and the pages the benchmark loads, and writes them to a JSON manifest for the runner.
"""

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from benchmarks import scale

DEFAULT_MANIFEST = Path(settings.BASE_DIR) / "var" / "bench" / "manifest.json"


class Command(BaseCommand):
    help = (
        "Generate realistic data at scale for benchmarks: people @scale.example, workstreams, "
        "consultations and meetings with slugs starting scale-. Refuses a database that "
        "already holds generated data unless --reset. Never run it on a production database: "
        "the MAG member it prints gets a known password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", required=True, choices=sorted(scale.SIZES))
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the generated data already there first (and nothing else).",
        )
        parser.add_argument(
            "--manifest",
            default=str(DEFAULT_MANIFEST),
            help="Where to write the benchmark manifest (JSON); default %(default)s.",
        )
        parser.add_argument("--seed", type=int, default=scale.DEFAULT_SEED)
        parser.add_argument(
            "--password",
            default=scale.DEFAULT_PASSWORD,
            help="The password of the MAG member the benchmark signs in as.",
        )

    def handle(self, *args, size, reset, manifest, seed, password, **options):
        found = scale.existing_generated_data()
        if found and not reset:
            what = ", ".join(f"{n:,} {label}" for label, n in found.items())
            raise CommandError(
                f"This database already holds generated scale data ({what}). Nothing was "
                "changed. Run again with --reset to delete it (only it: rows @scale.example "
                "and scale-*, and the IGF cycles it created) and generate anew."
            )
        if found:
            self.stdout.write("Deleting the generated data already there (--reset):")
            started = time.perf_counter()
            deleted = scale.delete_generated()
            for label, n in deleted.items():
                self.stdout.write(f"  deleted {label:<42} {n:>9,}")
            self.stdout.write(
                f"  deleted {'total':<42} {sum(deleted.values()):>9,} "
                f"in {time.perf_counter() - started:.1f} s"
            )

        self.stdout.write(f"Generating {size} scale data (seed {seed}):")
        result = scale.generate(size, seed=seed, password=password, log=self.stdout.write)

        self.stdout.write(f"  {'total':<34} {sum(result['counts'].values()):>9,} rows "
                          f"{result['elapsed_seconds']:>7.1f} s")  # fmt: skip
        self.stdout.write("Rows made, per model:")
        for label, n in result["counts"].items():
            self.stdout.write(f"  {label:<42} {n:>9,}")
        self.stdout.write(
            f"Action items whose reminder is due today: "
            f"{result['reminders']['action_items_due_today']:,}"
        )
        self.stdout.write("Pages for the benchmark:")
        for page in result["pages"]:
            who = f"  (signed in as {result['sign_in']['email']})" if page["sign_in"] else ""
            self.stdout.write(f"  {page['name']:<14} {settings.SITE_URL}{page['path']}{who}")
        self.stdout.write(
            f"Sign in as {result['sign_in']['email']} with the password "
            f"{result['sign_in']['password']!r} (a current MAG member)."
        )

        path = Path(manifest)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Manifest written to {path}"))
