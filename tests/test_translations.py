"""Swedish is the source language (every msgid is Swedish); English must be complete.

Runs ``makemessages -l en`` against a copy of the shipped catalogue, so a string marked
for translation anywhere in the package that has no English yet — or only a fuzzy
guess — fails here, with the strings listed. The compiled ``.mo`` that the package
ships must hold exactly what the ``.po`` says. Needs GNU gettext (``.ci/run`` installs
it), as ``makemessages`` itself does.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

import medborgarloften

PACKAGE = Path(medborgarloften.__file__).resolve().parent
LOCALE = PACKAGE / "locale"
MESSAGES = LOCALE / "en" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")


def _msgattrib(po: Path, *flags: str) -> str:
    return subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *flags, str(po)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _msgids(po_text: str) -> list[str]:
    return [
        line.removeprefix("msgid ")
        for line in po_text.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


@pytest.fixture
def fresh_po(tmp_path, settings, monkeypatch) -> dict[str, Path]:
    """The shipped catalogue brought up to date with the code, in a copy."""
    # makemessages writes to the locale directory beside the files it reads, so it
    # reads the package through links from a directory whose locale is a copy.
    tree = tmp_path / "medborgarloften"
    tree.mkdir()
    for child in PACKAGE.iterdir():
        if child.name != "locale":
            (tree / child.name).symlink_to(child)
    shutil.copytree(LOCALE, tree / "locale")
    settings.LOCALE_PATHS = [tree / "locale"]
    monkeypatch.chdir(tree)
    for domain in DOMAINS:
        call_command(
            "makemessages", locale=["en"], domain=domain, symlinks=True, verbosity=0
        )
    return {d: tree / "locale" / "en" / "LC_MESSAGES" / f"{d}.po" for d in DOMAINS}


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_in_the_code_has_an_english_translation(fresh_po, domain):
    untranslated = _msgids(_msgattrib(fresh_po[domain], "--untranslated"))
    assert untranslated == [], (
        f"{len(untranslated)} strings without English (add them to "
        f"{MESSAGES / domain}.po, then compilemessages): "
        + "; ".join(untranslated[:20])
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_translation_is_fuzzy(fresh_po, domain):
    fuzzy = _msgids(_msgattrib(fresh_po[domain], "--only-fuzzy"))
    assert fuzzy == [], "fuzzy (unused by Django) translations: " + "; ".join(
        fuzzy[:20]
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogue_has_no_strings_the_code_no_longer_uses(fresh_po, domain):
    shipped = set(_msgids(_msgattrib(MESSAGES / f"{domain}.po")))
    current = set(_msgids(_msgattrib(fresh_po[domain])))
    assert shipped - current == set(), "run makemessages -l en: stale entries"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_shipped_mo_is_compiled_from_the_po(tmp_path, domain):
    compiled = tmp_path / f"{domain}.mo"
    po = MESSAGES / f"{domain}.po"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(po)], check=True
    )
    with (
        (MESSAGES / f"{domain}.mo").open("rb") as shipped,
        compiled.open("rb") as fresh,
    ):
        assert gettext.GNUTranslations(shipped)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        ), "compilemessages: the .mo is older than the .po"


def test_the_scripts_strings_come_translated_from_the_catalogue(client):
    english = client.get("/jsi18n/", headers={"accept-language": "en"})
    assert english.status_code == 200
    assert "Getting your position" in english.content.decode()
    swedish = client.get("/jsi18n/", headers={"accept-language": "sv"})
    assert "Getting your position" not in swedish.content.decode()


def test_english_is_written_in_english_not_copied():
    with (MESSAGES / "django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    pairs = [
        (k, v)
        for k, v in catalog.items()
        if k and isinstance(k, str) and any(c in k for c in "åäöÅÄÖ")
    ]
    copied = [k for k, v in pairs if k == v and k not in {"Svenska"}]
    assert len(pairs) > 500
    assert copied == [], copied[:20]
