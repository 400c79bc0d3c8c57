"""``medborgarloften manage unlock NAME``: lift a sign-in lockout before it ends."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from medborgarloften.accounts.lockout import unlock


class Command(BaseCommand):
    help = (
        "Lås upp inloggningen för ett användarnamn eller en adress / lift a sign-in "
        "lockout for a user name or an address"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="Användarnamn / user name")
        parser.add_argument("--ip", help="Klientadress / client address")

    def handle(self, *args: Any, **options: Any) -> None:
        username, ip_address = options["username"], options["ip"]
        if not username and not ip_address:
            raise CommandError(
                "Ange ett användarnamn eller --ip / give a user name or --ip"
            )
        removed = unlock(username=username, ip_address=ip_address)
        who = " / ".join(x for x in (username, ip_address) if x)
        if removed:
            self.stdout.write(
                f"Upplåst / unlocked: {who} ("
                + ngettext("%(n)d post", "%(n)d poster", removed) % {"n": removed}
                + f" / {'record' if removed == 1 else 'records'} removed)"
            )
        else:
            self.stdout.write(
                f"Inga misslyckade inloggningar för / no failed sign-ins for {who}"
            )
