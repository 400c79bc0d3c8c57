"""Lexicons as TOML data files, each with a header saying where its terms come from."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict[str, Any]:
    """Parse ``<name>.toml`` from this folder once per process."""
    with (HERE / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def spaced(pattern: str) -> str:
    """Let a literal space in a lexicon pattern match any whitespace run.

    Bullets keep their wrapped lines ("… per\n  år"), so "per år" must match there too.
    """
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
