"""Send subscribers what is new since the last run (run from cron, e.g. hourly).

Idempotent: each item is recorded as told to each subscription, so running it twice
sends nothing twice. Also deletes unconfirmed subscriptions whose link has expired.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from medborgarloften.lib.siteurl import site_root
from medborgarloften.publishing.background import notify_start
from medborgarloften.publishing.services import subscriptions_notify


class Command(BaseCommand):
    help = "Skicka nyheter till prenumeranter / e-mail subscribers what is new"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=site_root(),
            help="Webbplatsens adress i länkarna / the site address used in links",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Låt arbetsprocessen skicka, i omgångar / queue for the worker, in "
            "batches",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Räkna bara, skicka inget / count only, send nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url: str = options["base_url"]
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(
                f"--base-url måste börja med http:// eller https:// / must be a URL: "
                f"{base_url!r}"
            )
        if options["background"] and not options["dry_run"]:
            job = notify_start(base_url=base_url)
            self.stdout.write(
                f"Köat som bakgrundsjobb / queued as background job #{job.pk}"
            )
            return
        summary = subscriptions_notify(base_url=base_url, dry_run=options["dry_run"])
        prefix = "[provkörning / dry run] " if options["dry_run"] else ""
        self.stdout.write(
            prefix
            + ngettext("%(n)d nyhet", "%(n)d nyheter", summary.items)
            % {"n": summary.items}
            + " "
            + ngettext(
                "till %(n)d prenumeration",
                "till %(n)d prenumerationer",
                summary.subscriptions,
            )
            % {"n": summary.subscriptions}
            + ", "
            + ngettext("%(n)d brev skickat", "%(n)d brev skickade", summary.mails)
            % {"n": summary.mails}
            + ", "
            + ngettext("%(n)d misslyckat", "%(n)d misslyckade", summary.failed)
            % {"n": summary.failed}
            + ", "
            + ngettext(
                "%(n)d obekräftad raderad",
                "%(n)d obekräftade raderade",
                summary.expired,
            )
            % {"n": summary.expired}
            + " / items, subscriptions, mails sent, failed, expired."
        )
