"""Police events: parsing the raw API shape, placing at kommun level, archiving by id,
the persisted rate limit, the polling command against a local server, the bulk loader."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from medborgarloften.places.models import County, Organisation, OrganisationKind
from medborgarloften.situation.models import ApiCall, PoliceEvent
from medborgarloften.situation.services import (
    RateLimited,
    RateLimiter,
    events_store,
    parse_event,
    read_event_file,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = (
    Path(__file__).resolve().parents[3].parent / "shared" / "data" / "polisen_events"
)
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"{SHARED} saknas / shared data not available"
)


def _records(name: str = "events_small.json"):
    return list(read_event_file(FIXTURES / name))


@pytest.fixture
def places(kalmar):
    stockholm = County.objects.create(code="01", name="Stockholms län")
    Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, code="0885", name="Borgholm", county=kalmar.county
    )
    Organisation.objects.create(
        kind=OrganisationKind.KOMMUN,
        code="0114",
        name="Upplands Väsby",
        county=stockholm,
    )


def test_it_parses_an_unpadded_hour_and_the_gps_centre():
    event = parse_event(_records()[1][1])
    assert event.published_at == dt.datetime(
        2025, 11, 4, 7, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert (event.latitude, event.longitude) == (59.518948, 17.911344)
    assert event.title_place == "Upplands väsby"


def test_it_keeps_commas_inside_the_type():
    event = parse_event(_records()[2][1])
    assert event.type == "Misshandel, grov"
    assert event.title_place == "Borgholm"
    assert parse_event(_records()[3][1]).is_summary


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "x"}, "id är inget heltal"),
        ({"datetime": "igår"}, "datetime går inte att läsa"),
        ({"location": {"name": "Kalmar", "gps": "a,b"}}, "location.gps"),
    ],
)
def test_it_names_the_bad_field(change, message):
    record = {**_records()[0][1], **change}
    with pytest.raises(ValueError, match=message):
        parse_event(record)


@pytest.mark.django_db
def test_it_places_events_in_kommuner_case_insensitively(places):
    summary = events_store(records=_records())
    assert (summary.created, summary.placed_in_kommun, summary.county_only) == (
        4,
        3,
        1,
    )
    by_id = {e.event_id: e for e in PoliceEvent.objects.select_related("kommun")}
    assert by_id[900002].kommun.name == "Upplands Väsby"
    # County-level location, kommun of that county in the title: the kommun.
    assert by_id[900001].kommun.name == "Borgholm"
    # County-level digest: the county only, and never counted.
    assert by_id[900000].kommun is None and by_id[900000].county.code == "08"
    assert by_id[900000].is_summary
    assert by_id[900003].month == 202511
    assert by_id[900003].absolute_url.startswith("https://polisen.se/aktuellt/")


@pytest.mark.django_db
def test_it_does_not_take_a_kommun_from_another_county_in_the_title(places):
    record = {
        **_records()[2][1],
        "name": "3 november 23.30, Misshandel, Upplands Väsby",
    }
    events_store(records=[("x", record)])
    event = PoliceEvent.objects.get()
    assert event.kommun is None and event.county.code == "08"


@pytest.mark.django_db
def test_it_archives_each_id_once_and_keeps_the_latest_version(places):
    events_store(records=_records())
    again = events_store(records=_records())
    assert (again.created, again.unchanged) == (0, 4)
    updated = {
        **_records()[0][1],
        "datetime": "2025-11-04 22:10:00 +01:00",
        "summary": "Fönster krossat vid en skola. En person gripen.",
    }
    older = {**_records()[0][1], "summary": "Gammal text."}
    summary = events_store(records=[("a", updated), ("b", older)])
    assert summary.updated == 1
    assert PoliceEvent.objects.count() == 4
    assert PoliceEvent.objects.get(event_id=900003).summary.endswith("gripen.")
    events_store(records=[("c", older)])
    assert PoliceEvent.objects.get(event_id=900003).summary.endswith("gripen.")


@pytest.mark.django_db
def test_it_saves_nothing_when_one_record_is_bad(places):
    records = [*_records(), ("rad 5", {"id": 1})]
    with pytest.raises(ValidationError) as excinfo:
        events_store(records=records)
    assert excinfo.value.messages[0].startswith("rad 5: fält saknas")
    assert not PoliceEvent.objects.exists()


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 11, 4, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.mark.django_db
def test_it_keeps_ten_seconds_between_calls():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    limiter.acquire()
    clock.advance(9)
    with pytest.raises(RateLimited) as excinfo:
        limiter.acquire()
    assert excinfo.value.wait == dt.timedelta(seconds=1)
    clock.advance(1)
    limiter.acquire()
    assert ApiCall.objects.count() == 2


@pytest.mark.django_db
def test_it_allows_at_most_sixty_calls_an_hour_across_limiters():
    clock = FakeClock()
    for _ in range(60):
        RateLimiter(clock=clock).acquire()  # a new limiter each time: persisted
        clock.advance(30)
    # 60 calls in 30 minutes: the next is allowed an hour after the first.
    with pytest.raises(RateLimited) as excinfo:
        RateLimiter(clock=clock).acquire()
    assert excinfo.value.wait == dt.timedelta(minutes=30)
    clock.advance(30 * 60)
    RateLimiter(clock=clock).acquire()


class _Handler(BaseHTTPRequestHandler):
    body = b"[]"
    seen: list[dict] = []

    def do_GET(self):  # noqa: N802
        type(self).seen.append({"path": self.path, **dict(self.headers)})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, *args):
        pass


@pytest.fixture
def api_server():
    _Handler.body = (FIXTURES / "events_small.json").read_bytes()
    _Handler.seen = []
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Handler
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_it_polls_a_local_server_with_an_identifying_user_agent(places, api_server):
    base_url, handler = api_server
    out = _call(
        "pollevents",
        "--base-url",
        base_url,
        "--user-agent",
        "medborgarloften-test (kontakt@example.org)",
        "--locationname",
        "Kalmar",
    )
    assert "4 nya" in out
    assert handler.seen[0]["User-Agent"] == "medborgarloften-test (kontakt@example.org)"
    assert handler.seen[0]["path"] == "/api/events?locationname=Kalmar"
    assert PoliceEvent.objects.count() == 4
    # A second run at once breaks the 10-second rule: refused before calling.
    with pytest.raises(CommandError, match="rate limit"):
        _call("pollevents", "--base-url", base_url)
    assert len(handler.seen) == 1


@pytest.mark.django_db
def test_it_sends_a_default_user_agent_naming_the_application(places, api_server):
    base_url, handler = api_server
    _call("pollevents", "--base-url", base_url, "--dry-run")
    assert handler.seen[0]["User-Agent"].startswith("medborgarloften/")
    assert not PoliceEvent.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_bad_response_and_saves_nothing(places, api_server):
    base_url, handler = api_server
    handler.body = b'{"error": "nope"}'
    with pytest.raises(CommandError, match="fetch failed"):
        _call("pollevents", "--base-url", base_url)
    assert not PoliceEvent.objects.exists()


def _call(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_bulk_loads_json_lines_gz_and_twice_adds_nothing(places, tmp_path):
    path = tmp_path / "events.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for _where, record in _records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert "4 nya" in _call("loadevents", str(path))
    assert "0 nya" in _call("loadevents", str(path))
    assert PoliceEvent.objects.count() == 4


@pytest.mark.django_db
def test_it_names_the_bad_line_of_an_archive(places, tmp_path):
    path = tmp_path / "events.jsonl"
    lines = [json.dumps(r) for _w, r in _records()] + ["{trasig"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"events.jsonl:5: ogiltig JSON"):
        _call("loadevents", str(path))
    assert not PoliceEvent.objects.exists()


@needs_shared
@pytest.mark.django_db
def test_it_places_the_real_2025_snapshot_at_kommun_level():
    call_command("loadref", stdout=open("/dev/null", "w"))  # noqa: SIM115
    summary = events_store(
        records=read_event_file(SHARED / "api_events_snapshot_2025-06-15.json")
    )
    assert summary.created == 500
    # 385 municipality-level names; county-level ones get a kommun from the title.
    assert summary.placed_in_kommun >= 385
    assert summary.unplaced == 0


@needs_shared
@pytest.mark.django_db
def test_it_reads_the_real_archive_format():
    records = read_event_file(SHARED / "events_sweden_2023-03_2026-08.jsonl.gz")
    first = [parse_event(record) for _where, record in itertools.islice(records, 2000)]
    assert len({e.event_id for e in first}) == 2000


@pytest.mark.django_db
def test_the_weekly_list_shows_the_kommuns_police_events(client, places, kommun_viewer):
    events_store(records=_records())
    client.force_login(kommun_viewer)
    page = client.get("/personal/lagesbild/0880/vecka/?period=2025-W45")
    content = page.content.decode()
    assert "4 november 21.15, Skadegörelse, Kalmar" in content
    assert "Borgholm" not in content  # another kommun
    assert "https://polisen.se/aktuellt/handelser/2025/november/4/" in content


@pytest.mark.django_db
def test_it_puts_the_configured_contact_in_the_user_agent(
    places, api_server, monkeypatch
):
    base_url, handler = api_server
    monkeypatch.setenv("POLICE_API_CONTACT", "trygghet@kalmar.example")
    _call("pollevents", "--base-url", base_url, "--dry-run")
    assert handler.seen[0]["User-Agent"].endswith(
        "(lagesbild; trygghet@kalmar.example)"
    )


@pytest.mark.django_db
def test_the_weekly_list_has_a_plain_title_and_months_as_swedish_writes_them(
    client, places, kommun_viewer
):
    import re

    events_store(records=_records())
    client.force_login(kommun_viewer)
    content = client.get(
        "/personal/lagesbild/0880/vecka/?period=2025-W45",
        headers={"accept-language": "sv"},
    ).content.decode()
    title = re.search(r"<title>(.*?)</title>", content, re.S)[1]
    assert "<" not in title and "Veckolista" in title
    dates = re.findall(r"<li>([^:<]*\d\d):\d\d: <a", content)
    assert dates, "no dated police events"
    assert all(re.search(r" \d{1,2} november \d\d$", d) for d in dates), dates
    assert not re.search(r"\b\d{1,2} (Nov|Okt|Dec)\b", content)
    english = client.get(
        "/personal/lagesbild/0880/vecka/?period=2025-W45",
        headers={"accept-language": "en"},
    ).content.decode()
    assert re.search(r"<li>\w{3} \d{1,2} November \d\d:\d\d: <a", english)
