"""The console script: every subcommand is listed with a line of help and reaches a
real management command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import get_commands

from medborgarloften import cli


def test_it_lists_every_subcommand_with_one_line_of_help(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name, (_, help_text) in cli.SUBCOMMANDS.items():
        line = next(
            line for line in out.splitlines() if line.strip().split(" ")[0] == name
        )
        assert help_text in line
        assert help_text.strip(), f"{name} has no help"


def test_it_has_the_subcommands_the_foundation_promises():
    for name in ("serve", "migrate", "demo", "createuser", "export", "load"):
        assert name in cli.SUBCOMMANDS


@pytest.mark.parametrize("name", [n for n, (c, _) in cli.SUBCOMMANDS.items() if c])
def test_it_maps_each_subcommand_to_an_existing_management_command(name):
    command = cli.SUBCOMMANDS[name][0]
    assert command in get_commands(), f"{name} → {command} does not exist"


def test_it_refuses_an_unknown_command_with_exit_2(capsys):
    assert cli.main(["flyga"]) == 2
    err = capsys.readouterr().err
    assert "okänt kommando" in err and "unknown command" in err


def test_it_prints_the_version(capsys):
    assert cli.main(["--version"]) == 0
    assert "medborgarloften" in capsys.readouterr().out


def test_it_returns_a_non_zero_exit_for_a_failing_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "medborgarloften", "migrate", "no_such_app"],
        capture_output=True,
        text=True,
        env={"DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode != 0
    assert "no_such_app" in result.stderr


def test_it_prints_usage_and_exits_2_without_a_command(capsys):
    assert cli.main([]) == 2
    captured = capsys.readouterr()
    assert "usage: medborgarloften" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("name", ["export", "serve", "migrate"])
def test_it_prints_the_applications_version_for_every_subcommand(capsys, name):
    import django

    from medborgarloften import __version__

    assert cli.main([name, "--version"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"medborgarloften {__version__}"
    assert out != django.get_version()


def test_it_writes_argument_errors_in_swedish_and_english(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "medborgarloften", "export"],
        capture_output=True,
        text=True,
        env={"DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 2
    assert "användning / usage:" in result.stderr
    assert "fel / error:" in result.stderr
    assert "ett av argumenten krävs" in result.stderr
    assert "one of the arguments is required: --promise" in result.stderr


def test_it_writes_unknown_flags_in_swedish_and_english(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "medborgarloften", "export", "--all", "--flyga"],
        capture_output=True,
        text=True,
        env={"DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 2
    assert "okända argument / unrecognized arguments: --flyga" in result.stderr


@pytest.mark.parametrize("english", sorted(cli._ARGPARSE_SV))
def test_each_argparse_translation_keeps_the_placeholders_of_its_message(english):
    import re

    placeholders = re.compile(r"%(?:\([a-z_]+\))?[rsd]")
    assert sorted(placeholders.findall(cli._ARGPARSE_SV[english])) == sorted(
        placeholders.findall(english)
    )


def test_a_subcommands_help_names_it_as_typed(capsys):
    assert cli.main(["import", "--help"]) == 0
    out = capsys.readouterr().out
    assert "medborgarloften import " in out
    assert "importdocs" not in out


# --- import: what is not a promise is not made a draft ------------------------------


def _import_cli(*args):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("importdocs", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("with_kommun", [True, False])
def test_import_refuses_a_file_type_it_does_not_read(
    tmp_path, settings, kalmar, with_kommun
):
    from django.core.management import CommandError

    from medborgarloften.documents.models import SourceDocument
    from medborgarloften.promises.models import Promise

    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "exempel"\nversion = "1.0"\n')
    args = [str(path), "--kommun", kalmar.code] if with_kommun else [str(path)]
    with pytest.raises(CommandError) as failure:
        _import_cli(*args)
    assert "1 av 1" in str(failure.value)
    assert not Promise.objects.exists() and not SourceDocument.objects.exists()


def test_import_names_the_unsupported_type(tmp_path, settings, kalmar, capsys):
    from django.core.management import CommandError

    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "data.csv"
    path.write_text("kommun;antal\nKalmar;3\n")
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("importdocs", str(path), stdout=out)
    assert "Filtypen .csv stöds inte" in out.getvalue()
    assert "minst en kommun" not in out.getvalue()


def test_import_makes_no_draft_of_a_text_without_commitments_unless_forced(
    tmp_path, settings, kalmar
):
    from django.core.management import CommandError

    from medborgarloften.promises.models import Promise

    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "anteckning.txt"
    path.write_text("Mötesanteckningar\n\nVi pratade om vädret i Kalmar kommun.\n")
    with pytest.raises(CommandError):
        _import_cli(str(path), "--kommun", kalmar.code)
    assert not Promise.objects.exists()

    out = _import_cli(str(path), "--kommun", kalmar.code, "--force")
    assert "1 utkast skapade" in out
    assert Promise.objects.count() == 1
