"""The translation catalogues: complete in French, Spanish and Arabic, current, and compiled.

"Current" means the committed catalogues hold exactly the strings the code and templates mark
for translation today: `makemessages` runs over a copy of the source tree and its msgids are
compared with the committed ones, so a new UI string without its translations fails here.
Chinese and Russian catalogues are present and current; their translations await native
speakers (README).
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import need

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
COMPLETE = ("fr", "es", "ar")
PRESENT = ("ru", "zh_Hans")
# What makemessages must not read: installed packages, collected static files, run-time data.
IGNORED = (".venv", "staticfiles", "var", "media", "node_modules", "tests", "test-results")

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdif]|%[sd]|\{[a-z_0-9]*\}|%%")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.mark.parametrize("language", COMPLETE)
def test_every_ui_string_is_translated_in_the_shipped_languages(language):
    po = catalogue(language)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"
    assert len(po) > 1000


@pytest.mark.parametrize("language", COMPLETE)
def test_translations_keep_every_placeholder_and_tag(language):
    problems = []
    for entry in catalogue(language):
        if entry.msgid_plural:
            # Every form uses only the English placeholders; forms for one (or zero, two)
            # may leave the count out, the last, general form keeps all of the plural's.
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            forms = [text for _n, text in sorted(entry.msgstr_plural.items())]
            if set(PLACEHOLDER.findall(forms[-1])) != set(PLACEHOLDER.findall(entry.msgid_plural)):
                problems.append((entry.msgid[:60], forms[-1][:60]))
            for text in forms:
                if not set(PLACEHOLDER.findall(text)) <= allowed:
                    problems.append((entry.msgid[:60], text[:60]))
                if sorted(TAG.findall(entry.msgid_plural)) != sorted(TAG.findall(text)):
                    problems.append((entry.msgid[:60], text[:60]))
            continue
        if sorted(set(PLACEHOLDER.findall(entry.msgid))) != sorted(
            set(PLACEHOLDER.findall(entry.msgstr))
        ):
            problems.append((entry.msgid[:60], entry.msgstr[:60]))
        if sorted(TAG.findall(entry.msgid)) != sorted(TAG.findall(entry.msgstr)):
            problems.append((entry.msgid[:60], entry.msgstr[:60]))
    assert not problems, problems[:10]


@pytest.mark.parametrize("language", COMPLETE + PRESENT)
def test_compiled_catalogues_match_their_sources(language):
    po = catalogue(language)
    mo_path = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    compiled = {
        key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(mo_path)) if e.msgid
    }
    sources = {
        key(e): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()})
        for e in po.translated_entries()
    }
    compiled = {k: (s, {int(n): v for n, v in p.items()}) for k, (s, p) in compiled.items()}
    assert compiled == sources, f"{mo_path} is stale: run `make messages`"


def test_the_catalogues_hold_exactly_the_strings_marked_for_translation(tmp_path, settings):
    need("gettext", bool(shutil.which("xgettext")), "xgettext (Debian's gettext) is not installed")
    copy = tmp_path / "src"
    shutil.copytree(
        BASE_DIR, copy, ignore=shutil.ignore_patterns(*IGNORED, "locale", "*.pyc", ".git")
    )
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    previous = os.getcwd()
    os.chdir(copy)
    try:
        call_command(
            "makemessages",
            locale=["fr"],
            ignore_patterns=list(IGNORED),
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        os.chdir(previous)
    extracted = {key(e) for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    for language in COMPLETE + PRESENT:
        committed = {key(e) for e in catalogue(language) if not e.obsolete}
        missing = sorted(extracted - committed, key=str)
        stale = sorted(committed - extracted, key=str)
        assert not missing, (
            f"{len(missing)} UI strings are not in the {language} catalogue "
            f"(run `make messages`, then translate): {[m[1][:60] for m in missing[:8]]}"
        )
        assert not stale, f"{len(stale)} strings in {language} are no longer used: {stale[:5]}"
