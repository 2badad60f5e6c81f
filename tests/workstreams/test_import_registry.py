"""`import_registry`: the existing registry loads with an "imported" event per workstream, and
a file with any bad row loads nothing and reports each as "line N: reason"."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from workstreams.models import Workstream, WorkstreamEvent

SAMPLE = Path(settings.BASE_DIR) / "workstreams" / "data" / "registry_sample.csv"
HEADER = (
    "kind,name,slug,short_name,status,nri_level,country,region_name,un_regional_group,"
    "is_youth,mailing_list,archive_url,description\n"
)
GOOD = [
    "nri,Ghana IGF,gh-igf,,active,national,GH,,,no,gh@lists.example.org,,Ghana's IGF\n",
    "nri,Youth LACIGF,youth-lacigf,,active,regional,,Latin America,GRULAC,yes,,,Youth\n",
    "dc,DC on Libraries,dc-libraries,DC-PAL,inactive,,,,,no,,https://example.org/a/,Libraries\n",
]


def run(tmp_path, lines, *args, name="registry.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("import_registry", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error)
    return out.getvalue(), err.getvalue()


def test_a_good_file_loads_each_workstream_with_an_imported_event(db, tmp_path):
    out, err = run(tmp_path, GOOD)
    assert "Loaded 3 workstream(s)." in out and err == ""
    ghana = Workstream.objects.get(slug="gh-igf")
    assert (ghana.kind, ghana.status, ghana.un_regional_group) == ("nri", "active", "AFRICAN")
    youth = Workstream.objects.get(slug="youth-lacigf")
    assert youth.is_youth and youth.region_name == "Latin America"
    assert Workstream.objects.get(slug="dc-libraries").status == "inactive"
    events = WorkstreamEvent.objects.filter(verb="created")
    assert events.count() == 3
    assert [e.details for e in events] == [{"imported": True, "source": "registry.csv"}] * 3


def test_a_file_with_one_bad_row_loads_nothing_and_reports_the_line(db, tmp_path):
    bad = "nri,Nowhere IGF,nowhere,,active,national,,,,no,,,No country\n"
    out, err = run(tmp_path, [GOOD[0], bad, GOOD[2]])
    assert "line 3: country: A national initiative names its country." in err
    assert "nothing was loaded" in err
    assert not Workstream.objects.exists()
    assert not WorkstreamEvent.objects.exists()


@pytest.mark.parametrize(
    "row,reason",
    [
        ("xx,Thing,thing,,active,,,,,no,,,\n", "kind: Select a valid choice."),
        ("dc,DC Proposed,dc-p,,proposed,,,,,no,,,\n", "status: Select a valid choice."),
        ("dc,DC Youth,dc-y,,active,,,,,yes,,,\n", "is_youth: Only NRIs can be Youth IGFs."),
        ("dc,DC Level,dc-l,,active,national,,,,no,,,\n", "nri_level: Only NRIs have a level"),
        ("nri,No Level,no-level,,active,,,,,no,,,\n", "nri_level: Choose whether"),
        ("nri,Sub,sub,,active,sub_regional,,Sahel,,no,,,\n", "un_regional_group: Choose the UN"),
        ("dc,DC Mail,dc-m,,active,,,,,no,not-an-address,,\n", "mailing_list: Enter a valid"),
        ("dc,DC Bool,dc-b,,active,,,,,maybe,,,\n", "is_youth: “maybe” is not yes or no"),
        ("dc,DC Short,dc-s,,active\n", "expected 13 columns, found 5"),
        ("dc,DC Apply,apply,,active,,,,,no,,,\n", "slug: “apply” is reserved"),
        ("dc,Bad\x00Name,dc-nul,,active,,,,,no,,,\n", "name: Null characters are not allowed."),
        (f"dc,{'x' * 300},dc-long,,active,,,,,no,,,\n", "name: Ensure this value has at most"),
    ],
)
def test_each_bad_row_is_refused_with_its_reason(db, tmp_path, row, reason):
    out, err = run(tmp_path, [GOOD[0], row])
    assert f"line 3: {reason}" in err
    assert not Workstream.objects.exists()


def test_a_slug_or_name_used_twice_in_the_file_is_reported(db, tmp_path):
    again = "nri,Ghana IGF,gh-igf-2,,active,national,GH,,,no,,,Twice\n"
    out, err = run(tmp_path, [GOOD[0], GOOD[0], again])
    assert "line 3: slug: “gh-igf” is already registered" in err
    assert "line 4: name: Workstream with this Name already exists." in err
    assert not Workstream.objects.exists()


def test_an_existing_slug_is_an_error_or_skipped_with_skip_existing(db, tmp_path):
    run(tmp_path, GOOD[:1])
    out, err = run(tmp_path, GOOD)
    assert "line 2: slug: “gh-igf” is already registered" in err
    assert Workstream.objects.count() == 1
    out, err = run(tmp_path, GOOD, "--skip-existing")
    assert "line 2: skipped" in out and "Loaded 2 workstream(s)." in out
    assert Workstream.objects.count() == 3
    assert WorkstreamEvent.objects.filter(verb="created").count() == 3


def test_a_dry_run_loads_nothing(db, tmp_path):
    out, err = run(tmp_path, GOOD, "--dry-run")
    assert "3 workstream(s) would be loaded; none was." in out
    assert not Workstream.objects.exists() and not WorkstreamEvent.objects.exists()


def test_a_file_with_wrong_columns_or_encoding_is_refused(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("kind,name\ndc,X\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: missing columns: slug"):
        call_command("import_registry", str(path), stdout=StringIO())
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="not a readable UTF-8 CSV file"):
        call_command("import_registry", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_registry", str(tmp_path / "missing.csv"), stdout=StringIO())


def test_the_shipped_sample_loads(db):
    out = StringIO()
    call_command("import_registry", str(SAMPLE), stdout=out)
    assert Workstream.objects.filter(kind="nri").count() == 6
    assert Workstream.objects.filter(kind="dc").count() == 3
    assert "Loaded 9 workstream(s)." in out.getvalue()
