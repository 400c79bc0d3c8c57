"""Imported once by the fork server of ``budget`` (never elsewhere): reads and
extracts a small promise, so that every job forked from the server starts with the
lazy parts already loaded (dateparser's Swedish data, compiled patterns, caches)
instead of paying for them again in each fresh child (about 0.3 s per job)."""

from __future__ import annotations

from .readers import read_bytes
from .record import extract_record

_SAMPLE = """\
<!DOCTYPE html><html lang="sv"><head><title>Medborgarlöfte</title></head><body><main>
<h1>Medborgarlöfte för Åby kommun 2025–2026</h1>
<p>Lokalpolisområde Åby och Åby kommun lovar att från 1 mars 2025 till och med
31 december 2026 arbeta för ökad trygghet i centrum.</p>
<h2>Trygghet i centrum</h2>
<ul><li>Polisen ska genomföra fyra trygghetsvandringar per år vid torget.</li>
<li>Kommunen ska tända belysningen i parken senast i maj 2025.</li></ul>
<p>Löftet följs upp varje kvartal och redovisas i kommunstyrelsen.</p>
<p>Åby den 1 mars 2025</p><p>Anna Andersson, kommunstyrelsens ordförande</p>
</main></body></html>
"""


def _warm() -> None:
    try:
        result = read_bytes(_SAMPLE.encode(), filename="warmup.html")
        extract_record(result.text, record_id="warmup")
    except Exception:  # noqa: BLE001, S110 - warming is an optimisation only
        pass


_warm()
