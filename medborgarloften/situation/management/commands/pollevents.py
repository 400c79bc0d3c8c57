"""``medborgarloften manage pollevents``: archive the police's open events API.

Keeps to the API's rules: an identifying User-Agent, at least 10 s between calls and
at most 60 calls an hour — persisted, so runs from cron share the budget. Run it every
10–30 minutes (the API returns the latest ~500 events, about nine days).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.lib.commands import summary_line
from medborgarloften.lib.http import FetchError
from medborgarloften.situation.polling import DEFAULT_BASE_URL, default_user_agent
from medborgarloften.situation.services import (
    RateLimited,
    RateLimiter,
    events_fetch,
    events_store,
)


class Command(BaseCommand):
    help = (
        "Hämta Polisens händelser och arkivera dem, unika per id, inom API:ets regler. "
        "/ Poll the police events API and archive events deduplicated by id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help=f"API:ets bas-URL / base URL (default {DEFAULT_BASE_URL}).",
        )
        parser.add_argument(
            "--user-agent",
            default="",
            help="Identifierande User-Agent med kontaktadress / identifying "
            "User-Agent with a contact address.",
        )
        parser.add_argument(
            "--times",
            type=int,
            default=1,
            help="Antal anrop / number of polls (default 1).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=600.0,
            help="Sekunder mellan anrop, minst 10 / seconds between polls, ≥ 10 "
            "(default 600).",
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Vänta in hastighetsgränsen i stället för att avbryta / wait for the "
            "rate limit instead of stopping.",
        )
        parser.add_argument("--locationname", default="", help="API-filter.")
        parser.add_argument("--type", default="", help="API-filter.")
        parser.add_argument("--datetime", default="", help="API-filter, t.ex. 2025-06.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Spara inget / save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 10:
            raise CommandError("--interval: minst 10 sekunder / at least 10 seconds.")
        if options["times"] < 1:
            raise CommandError("--times: minst 1 / at least 1.")
        user_agent = options["user_agent"] or default_user_agent()
        params = {
            key: options[opt]
            for key, opt in (
                ("locationname", "locationname"),
                ("type", "type"),
                ("DateTime", "datetime"),
            )
            if options[opt]
        }
        limiter = RateLimiter()
        for number in range(options["times"]):
            if number:
                time.sleep(options["interval"])
            records = self._fetch(options, user_agent, limiter, params)
            try:
                summary = events_store(
                    records=((f"svar #{i}", r) for i, r in enumerate(records, 1)),
                    dry_run=options["dry_run"],
                )
            except ValidationError as exc:
                raise CommandError(
                    "Svaret innehåller felaktiga händelser, inget sparat / bad "
                    "records, nothing saved:\n" + "\n".join(exc.messages[:20])
                )
            self.stdout.write(summary_line(summary, dry_run=options["dry_run"]))

    def _fetch(
        self,
        options: dict[str, Any],
        user_agent: str,
        limiter: RateLimiter,
        params: dict[str, str],
    ) -> list[Any]:
        while True:
            try:
                return events_fetch(
                    base_url=options["base_url"],
                    user_agent=user_agent,
                    limiter=limiter,
                    params=params,
                )
            except RateLimited as exc:
                seconds = exc.wait.total_seconds()
                if not options["wait"]:
                    raise CommandError(
                        f"För tätt enligt API:ets regler; nästa anrop om {seconds:.0f} s "
                        f"/ rate limit: next call allowed in {seconds:.0f} s."
                    )
                time.sleep(seconds)
            except (FetchError, ValueError) as exc:
                raise CommandError(f"Hämtningen misslyckades / fetch failed: {exc}")
