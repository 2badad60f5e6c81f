"""`manage.py import_registry path.csv [--dry-run] [--skip-existing]`: load the existing registry.

Loads already-recognised workstreams (NRIs, DCs, ...) from a CSV file with a header row. Each
row is checked by the registration form's rules and the model's full_clean; every bad row is
reported as "line N: reason", and a file with any bad row loads nothing (one transaction).
Each workstream created gets a "created" event marked {"imported": true, "source": file}.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from workstreams.forms_nri import RegistryRowForm
from workstreams.models import Workstream, WorkstreamEvent

COLUMNS = (
    "kind",
    "name",
    "slug",
    "short_name",
    "status",
    "nri_level",
    "country",
    "region_name",
    "un_regional_group",
    "is_youth",
    "mailing_list",
    "archive_url",
    "description",
)
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}
REASON = "Imported from the existing registry of recognised workstreams."


class RowError(Exception):
    pass


def _form_errors(form):
    parts = []
    for field, errors in form.errors.items():
        text = " ".join(errors)
        parts.append(text if field == "__all__" else f"{field}: {text}")
    return "; ".join(parts)


class Command(BaseCommand):
    help = "Load recognised workstreams from a CSV file; a file with any bad row loads nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file with a header row: " + ",".join(COLUMNS))
        parser.add_argument("--dry-run", action="store_true", help="Check the file; load nothing.")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="Skip rows whose slug is already registered instead of refusing the file.",
        )

    def handle(self, *args, path, dry_run=False, skip_existing=False, **options):
        source = Path(path)
        try:
            with source.open(encoding="utf-8-sig", newline="") as handle:
                errors, created, skipped = self.load(handle, source.name, dry_run, skip_existing)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from error
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path} is not a readable UTF-8 CSV file: {error}") from error
        for message in skipped:
            self.stdout.write(message)
        if errors:
            for message in errors:
                self.stderr.write(message)
            raise CommandError(f"{len(errors)} bad row(s) in {source.name}: nothing was loaded.")
        if dry_run:
            self.stdout.write(f"Dry run: {created} workstream(s) would be loaded; none was.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded {created} workstream(s)."))

    def load(self, handle, source_name, dry_run, skip_existing):
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise CommandError("The file is empty: it needs a header row.")
        header = [column.strip().lower() for column in header]
        missing = [c for c in COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS]
        if missing or unknown:
            problems = []
            if missing:
                problems.append("missing columns: " + ", ".join(missing))
            if unknown:
                problems.append("unknown columns: " + ", ".join(unknown))
            raise CommandError("line 1: " + "; ".join(problems))
        errors, skipped, created = [], [], 0
        # One transaction: rows are saved as they pass, so later rows are checked against
        # earlier ones (a slug or name used twice), and any error rolls everything back.
        with transaction.atomic():
            for values in reader:
                line = reader.line_num
                if not any(value.strip() for value in values):
                    continue
                try:
                    if self.create(header, values, source_name, skip_existing):
                        created += 1
                    else:
                        skipped.append(f"line {line}: skipped, the slug is already registered")
                except RowError as error:
                    errors.append(f"line {line}: {error}")
            if errors or dry_run:
                transaction.set_rollback(True)
        return errors, created, skipped

    def create(self, header, values, source_name, skip_existing):
        if len(values) != len(header):
            raise RowError(f"expected {len(header)} columns, found {len(values)}")
        row = {column: value.strip() for column, value in zip(header, values, strict=True)}
        youth = row["is_youth"].lower()
        if youth not in TRUE | FALSE:
            raise RowError(f"is_youth: “{row['is_youth'][:20]}” is not yes or no")
        row["is_youth"] = youth in TRUE
        if row["slug"] and Workstream.objects.filter(slug=row["slug"]).exists():
            if skip_existing:
                return False
            raise RowError(f"slug: “{row['slug']}” is already registered")
        form = RegistryRowForm(data={k: v for k, v in row.items() if v is not False})
        if not form.is_valid():
            raise RowError(_form_errors(form))
        workstream = form.save()
        WorkstreamEvent.objects.create(
            workstream=workstream,
            actor=None,
            verb=WorkstreamEvent.Verb.CREATED,
            to_status=workstream.status,
            details={"imported": True, "source": source_name},
            reason=REASON,
        )
        return True
