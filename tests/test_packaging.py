"""The installed package carries every file the application reads at run time.

`make run` and the suite use an editable install, which reads the checkout, so a
file the wheel leaves out shows only on a server installed as docs/deploy.md says
(`pip install /path/to/checkout`): the vendored map library in a folder whose name
is no Python name ("leaflet-1.9.4") was left out, and every page with a map
answered 500 there. This builds the wheel and compares.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "medborgarloften"

pytestmark = pytest.mark.slow

#: Folders whose every file is read at run time (served, rendered or loaded).
RUNTIME_FOLDERS = (
    "static",
    "templates",
    "locale",
    "extract/lexicons",
    "operations/demo",
)


def _runtime_files() -> set[str]:
    files = set()
    for folder in RUNTIME_FOLDERS:
        for path in (PACKAGE / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files.add(path.relative_to(ROOT).as_posix())
    return files


def _source_copy(target: Path) -> Path:
    """The checkout without what a build or a run leaves behind (a stale
    ``build/`` would hand the wheel files the configuration no longer names)."""
    left_behind = shutil.ignore_patterns(
        ".git",
        ".venv",
        "build",
        "dist",
        "*.egg-info",
        "__pycache__",
        "var",
        ".*_cache",
        ".hypothesis",
        "staticfiles",
        "node_modules",
    )
    shutil.copytree(ROOT, target, ignore=left_behind)
    return target


def test_the_wheel_carries_every_file_read_at_run_time(tmp_path):
    source = _source_copy(tmp_path / "src")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "--wheel-dir",
            str(wheels),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_runtime_files() - names)
    assert not missing, f"left out of the wheel: {missing[:20]}"
    assert "medborgarloften/static/vendor/leaflet-1.9.4/leaflet.js" in names
