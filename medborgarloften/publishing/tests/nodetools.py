"""Node tools the tests run (``.ci/npm-tools.txt``, pinned): found in
``$NODE_TOOLS_DIR`` (default ``~/.cache/medborgarloften/node``), where ``.ci/run``
installs them. A machine with npm but without the tool gets the pinned version
installed there once; a machine without node or npm skips the test, saying why."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PINS = ROOT / ".ci" / "npm-tools.txt"


def tools_dir() -> Path:
    default = Path.home() / ".cache" / "medborgarloften" / "node"
    return Path(os.environ.get("NODE_TOOLS_DIR") or default)


def pinned(package: str) -> str:
    """The pinned spec, e.g. ``@redocly/cli@2.77.0``."""
    for line in PINS.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{package}@"):
            return line.strip()
    raise LookupError(f"{package} is not pinned in {PINS}")


def node_tool(package: str, command: str) -> Path:
    """The path of ``command`` from the pinned ``package``; skips without node/npm."""
    missing = [name for name in ("node", "npm") if shutil.which(name) is None]
    if missing:
        pytest.skip(
            f"{' och '.join(missing)} saknas: {package} kan inte köras / "
            f"{' and '.join(missing)} missing, cannot run {package}"
        )
    spec = pinned(package)
    folder = tools_dir()
    binary = folder / "node_modules" / ".bin" / command
    installed = folder / "node_modules" / package / "package.json"
    version = spec.rsplit("@", 1)[1]
    if not binary.exists() or f'"version": "{version}"' not in installed.read_text(
        encoding="utf-8"
    ):
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(  # noqa: S603 - npm with our own pinned spec
            [
                shutil.which("npm") or "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(folder),
                spec,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, (
            f"npm install {spec} misslyckades / failed (run .ci/run, or install it "
            f"into {folder}):\n{result.stderr[-2000:]}"
        )
    return binary
