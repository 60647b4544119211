"""Spanish is complete, and no template holds text that cannot be translated."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"

BLOCK_TRANSLATE = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S
)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
RAW_ELEMENT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
HTML_TAG = re.compile(r"<[^>]*>", re.S)
# What may stand in a template untranslated: symbols, numbers, and language names
# written in their own language on the switcher.
ALLOWED = re.compile(r"^[\s\W\d]*$|^(Español|English|NAP Academy)$")


def untranslatable_text(source):
    text = BLOCK_TRANSLATE.sub(" ", source)
    text = HTML_COMMENT.sub(" ", text)
    text = RAW_ELEMENT.sub(" ", text)
    text = TEMPLATE_TAG.sub("\n", text)
    text = HTML_TAG.sub("\n", text)
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not ALLOWED.match(line.strip())
    ]


def test_templates_mark_every_visible_text_for_translation():
    found = {}
    for template in sorted((ROOT / "templates").rglob("*.html")):
        if "emails" in template.parts and template.suffix == ".txt":
            continue
        leftovers = untranslatable_text(template.read_text())
        if leftovers:
            found[str(template.relative_to(ROOT))] = leftovers

    assert found == {}


def test_template_scan_catches_unmarked_text():
    assert untranslatable_text("<p>Hello</p>{% translate 'Hi' %}") == ["Hello"]
    assert untranslatable_text("<p>{% translate 'Hi' %} · {{ name }}</p>") == []


def test_spanish_catalogue_holds_every_string_of_the_code(tmp_path):
    """A string added to the code but never extracted would show in English."""
    import os
    import shutil
    import subprocess
    import sys

    # makemessages writes into every "locale" folder it sees: run it on a copy
    # of the code, so the committed catalogue is never touched.
    source = tmp_path / "source"
    for part in (
        "config",
        "common",
        "accounts",
        "academy",
        "participants",
        "roadmaps",
        "accompaniment",
        "evaluation",
        "opendata",
        "cohort",
        "templates",
    ):
        shutil.copytree(ROOT / part, source / part)
    shutil.copy(ROOT / "manage.py", source / "manage.py")
    (source / "tests").mkdir()
    for name in ("__init__.py", "settings_catalogue_check.py"):
        shutil.copy(ROOT / "tests" / name, source / "tests" / name)
    copy = tmp_path / "locale" / "es" / "LC_MESSAGES"
    copy.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy / "django.po")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "-v0",
        ],
        cwd=source,
        env=dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="tests.settings_catalogue_check",
            CATALOGUE_CHECK_DIR=str(tmp_path / "locale"),
        ),
        check=True,
        timeout=300,
    )
    extracted = polib.pofile(str(copy / "django.po"))
    committed = polib.pofile(str(CATALOGUE))

    def keys(catalogue):
        return {(entry.msgctxt, entry.msgid) for entry in catalogue}

    assert sorted(keys(extracted) - keys(committed), key=str) == []


def test_spanish_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 100


def test_country_names_read_right_in_spanish():
    """django-countries' Spanish catalogue misspells one Caribbean country."""
    from django.utils import translation
    from django_countries import countries

    with translation.override("es"):
        assert countries.name("TT") == "Trinidad y Tobago"
        assert countries.name("PA") == "Panamá"
    with translation.override("en"):
        assert countries.name("TT") == "Trinidad and Tobago"
