"""Reading the environment: typed helpers, and the three values every section needs
(production or not, debug, the data directory)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

#: The package directory (medborgarloften/), as when settings were one module.
BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """Read a string variable; empty means unset."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no variable (1/true/yes/on or 0/false/no/off)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on", "ja"}:
        return True
    if value in {"0", "false", "no", "off", "nej"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected 1/0, true/false, yes/no")


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    value = env_str(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_bool("MEDBORGARLOFTEN_PRODUCTION")
DEBUG = env_bool("DEBUG")
DATA_DIR = Path(env_str("DATA_DIR", str(Path.cwd() / "var"))).resolve()
