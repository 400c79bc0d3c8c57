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
