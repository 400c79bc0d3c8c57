"""The load harness (benchmarks/reliability/load.py) fails when what it checks did not
happen (issue #13): it reported "0 errors, 0 lost" while every request was answered by
a redirect, nobody signed in and no activity was saved."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks/reliability"))

import load  # noqa: E402
import load_clients  # noqa: E402


def _response(status: int, location: str = "", text: str = "") -> httpx.Response:
    headers = {"location": location} if location else {}
    return httpx.Response(status, headers=headers, text=text)


@pytest.mark.parametrize(
    ("response", "expect", "outcome"),
    [
        (_response(200), None, "ok"),
        (_response(301, "https://example.se/"), None, "redirect301"),
        (_response(302, "/konto/logga-in/?next=/"), None, "redirect302"),
        (_response(302, "/personal/"), "/personal/", "ok"),
        # The sign-in form again (wrong password, or no session): no redirect.
        (_response(200), "/personal/", "no redirect"),
        (
            _response(301, "https://x/konto/logga-in/"),
            "/personal/",
            "redirect elsewhere",
        ),
        (_response(403), None, "http403"),
        (_response(503, text="Tjänsten är tillfälligt otillgänglig"), None, "http503"),
    ],
)
def test_it_counts_a_request_as_ok_only_when_it_got_what_it_was_for(
    response, expect, outcome
):
    assert load_clients.outcome(response, expect, load_clients.Stats()) == outcome


def test_it_counts_a_5xx_without_our_error_page_as_unclean():
    stats = load_clients.Stats()
    load_clients.outcome(_response(502, text="<center>nginx</center>"), None, stats)
    assert stats.unclean == 1


def _result(**changes):
    result = {
        "rows": [{"kind": "public promise page", "errors": {}}],
        "staff": 10,
        "signed_in": 10,
        "activities_posted": 20,
        "activities_acknowledged": 20,
        "lost": [],
        "duplicated": [],
        "unexpected": [],
    }
    return {**result, **changes}


def test_a_run_where_everything_happened_passes():
    assert load.failures(_result()) == []


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        # Issue #13's run: every page a redirect, nobody signed in, nothing saved.
        (
            {
                "rows": [{"kind": "public home page", "errors": {"redirect301": 269}}],
                "signed_in": 0,
                "activities_posted": 0,
                "activities_acknowledged": 0,
            },
            "requests failed",
        ),
        ({"signed_in": 9}, "1 of 10 staff clients never signed in"),
        (
            {"activities_posted": 0, "activities_acknowledged": 0},
            "no activity was acknowledged",
        ),
        (
            {"activities_acknowledged": 19},
            "only 19 of 20 activity posts acknowledged",
        ),
        ({"lost": ["LAST-1"]}, "1 activities acknowledged but not in the database"),
        ({"duplicated": ["LAST-1"]}, "more than once"),
        ({"unexpected": ["LAST-1"]}, "without having been posted"),
    ],
)
def test_a_run_fails_when_something_that_was_checked_did_not_happen(changes, reason):
    reasons = load.failures(_result(**changes))
    assert any(reason in text for text in reasons), reasons


def test_the_default_path_is_the_deploy_example():
    args = load.parser().parse_args([])
    assert (args.via, args.server) == ("nginx", "waitress")


def test_each_client_speaks_from_its_own_loopback_address():
    addresses = {
        load_clients.client_address(n) for n in [*range(1000, 1050), *range(5000, 5200)]
    }
    assert len(addresses) == 250
    assert all(a.startswith("127.") and a != "127.0.0.1" for a in addresses)
