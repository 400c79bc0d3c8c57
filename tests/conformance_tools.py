"""Where the conformance tools are, or why a test cannot run them.

The Nu HTML Checker is the ``vnu-jar`` npm package (pinned in .ci/run, which installs
it and exports ``VNU_JAR``), run with Java. Without it the tests skip with the reason,
except under .ci/run (``MEDBORGARLOFTEN_REQUIRE_CONFORMANCE_TOOLS=1``), where a
missing tool fails them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

VNU_VERSION = "26.9.27"
DEFAULT_VNU_JAR = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "medborgarloften/npm/node_modules/vnu-jar/build/dist/vnu.jar"
)


def missing_tool(reason: str) -> None:
    if os.environ.get("MEDBORGARLOFTEN_REQUIRE_CONFORMANCE_TOOLS"):
        pytest.fail(reason)
    pytest.skip(reason)


def vnu_command() -> list[str]:
    """``java -jar vnu.jar``, or skip (fail under CI) saying what is missing."""
    java = shutil.which("java")
    if java is None:
        missing_tool(
            "java saknas / is not installed (apt-get install default-jre-headless)"
        )
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_VNU_JAR)
    if not jar.is_file():
        missing_tool(
            f"Nu HTML Checker saknas / is missing at {jar} (.ci/run installs it: "
            f"npm install --prefix ~/.cache/medborgarloften/npm vnu-jar@{VNU_VERSION})"
        )
    return [str(java), "-Xss1024k", "-jar", str(jar)]
