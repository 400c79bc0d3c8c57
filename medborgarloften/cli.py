"""The one console script: ``medborgarloften <subcommand> [options]``.

Each subcommand wraps a Django management command so that the CLI and ``manage.py``
can never drift apart. ``medborgarloften --help`` lists them with one line each.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

# subcommand -> (management command, one-line help in Swedish / English)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("serve", "Starta webbservern / start the web server"),
    "worker": (
        "worker",
        "Kör bakgrundsjobben, t.ex. dokumentimport / run the background tasks",
    ),
    "migrate": (
        "migrate",
        "Skapa eller uppgradera databasen / create or upgrade the database",
    ),
    "loadref": (
        "loadref",
        "Läs in referensdata: kommuner, län, polisregioner, LPO / load reference data",
    ),
    "demo": ("demo", "Läs in demodata för en kommun / load demo data"),
    "createuser": (
        "createuser",
        "Skapa en användare med organisation och roll / create a user with a role",
    ),
    "export": (
        "export",
        "Exportera medborgarlöften som JSON / export promises as JSON",
    ),
    "load": ("loadpromises", "Läs in medborgarlöfte-JSON / load medborgarlöfte JSON"),
    "extract": (
        "extract",
        "Extrahera löften ur dokument utan att spara / extract records, store nothing",
    ),
    "import": (
        "importdocs",
        "Importera dokument som utkast / import documents as drafts",
    ),
    "backup": (
        "backup",
        "Säkerhetskopiera databas och filer / back up database and files",
    ),
    "restore": (
        "restore",
        "Återställ en säkerhetskopia / restore a backup archive",
    ),
    "exportkommun": (
        "exportkommun",
        "Exportera allt om en kommun som zip / export all of one kommun's data",
    ),
    "importareas": (
        "importareas",
        "Läs in områdesgränser (GeoJSON, GeoPackage, Shapefile, WFS) / import area "
        "boundaries",
    ),
    "exportareas": (
        "exportareas",
        "Skriv en kommuns områden som GeoJSON (WGS 84) / export areas as GeoJSON",
    ),
    "manage": ("", "Kör valfritt Django-kommando / run any Django management command"),
}


# argparse's own messages (usage lines and errors of every subcommand) in Swedish
# beside the English, like the rest of the CLI. argparse looks them up through its
# module-level gettext ``_`` when it prints; messages not listed stay English.
_ARGPARSE_SV: dict[str, str] = {
    "usage: ": "användning / usage: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel / error: %(message)s\n",
    "the following arguments are required: %s": (
        "dessa argument krävs / the following arguments are required: %s"
    ),
    "one of the arguments %s is required": (
        "ett av argumenten krävs / one of the arguments is required: %s"
    ),
    "unrecognized arguments: %s": ("okända argument / unrecognized arguments: %s"),
    "argument %(argument_name)s: %(message)s": (
        "argument %(argument_name)s: %(message)s"
    ),
    "expected one argument": "ett värde behövs / expected one argument",
    "expected at least one argument": (
        "minst ett värde behövs / expected at least one argument"
    ),
    "expected at most one argument": (
        "högst ett värde / expected at most one argument"
    ),
    "not allowed with argument %s": (
        "kan inte kombineras med / not allowed with argument %s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val / invalid choice: %(value)r (välj bland / choose from "
        "%(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": (
        "ogiltigt värde / invalid %(type)s value: %(value)r"
    ),
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydig flagga / ambiguous option: %(option)s (%(matches)s)"
    ),
    "ignored explicit argument %r": (
        "värdet används inte / ignored explicit argument %r"
    ),
    "show this help message and exit": "visa hjälpen / show this help and exit",
    "positional arguments": "argument / positional arguments",
    "options": "flaggor / options",
}


def _argparse_gettext(message: str) -> str:
    return _ARGPARSE_SV.get(message, message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _argparse_gettext(singular if n == 1 else plural)


def _usage() -> str:
    width = max(len(name) for name in SUBCOMMANDS)
    lines = [
        "usage: medborgarloften <kommando> [flaggor]",
        "",
        "Medborgarlöften – kommun och lokalpolisområde i samverkan.",
        "",
        "kommandon / commands:",
    ]
    lines += [
        f"  {name.ljust(width)}  {help_}" for name, (_, help_) in SUBCOMMANDS.items()
    ]
    lines += ["", "`medborgarloften <kommando> --help` visar kommandots flaggor."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the management command; return the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        # A command is required: the usage is an error, not a successful run.
        print(_usage(), file=sys.stderr)
        return 2
    if args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    name, rest = args[0], args[1:]
    options = rest[: rest.index("--")] if "--" in rest else rest
    if name in {"--version", "-V"} or "--version" in options:
        # Every subcommand's --version is the application's, not Django's.
        from medborgarloften import __version__

        print(f"medborgarloften {__version__}")
        return 0
    if name not in SUBCOMMANDS:
        print(
            f"medborgarloften: okänt kommando / unknown command: {name!r}\n\n{_usage()}",
            file=sys.stderr,
        )
        return 2
    command = SUBCOMMANDS[name][0]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
    from django.core.management import ManagementUtility

    class Utility(ManagementUtility):
        """Finds the management command under the subcommand's own name, so that
        its usage and errors say ``medborgarloften import``, not ``importdocs``."""

        def fetch_command(self, subcommand: str) -> Any:
            return super().fetch_command(command if subcommand == name else subcommand)

    argv_django = (
        ["medborgarloften", *rest] if not command else ["medborgarloften", name, *rest]
    )
    if not command and not rest:
        argv_django.append("help")
    try:
        (Utility if command else ManagementUtility)(argv_django).execute()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130
    return 0
