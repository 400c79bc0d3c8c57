"""API tokens for the write API: create (the secret is printed once), list, revoke."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.accounts.models import ApiToken, User
from medborgarloften.places.members import organisation_resolve
from medborgarloften.publishing.api.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = (
        "API-nycklar: create --user U --organisation O | list | revoke --prefix P "
        "/ API tokens"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel / create a token")
        create.add_argument("--user", required=True, help="Användarnamn / username")
        create.add_argument(
            "--organisation",
            required=True,
            help="Kommunkod, kommunnamn eller organisationens namn",
        )
        create.add_argument("--name", default="", help="Vad nyckeln används till")
        sub.add_parser("list", help="Lista nycklar / list tokens")
        revoke = sub.add_parser("revoke", help="Återkalla / revoke a token")
        revoke.add_argument("--prefix", required=True, help="Nyckelns början")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options)
        elif action == "list":
            for token in ApiToken.objects.select_related("user", "organisation"):
                state = "återkallad" if token.revoked_at else "aktiv"
                self.stdout.write(
                    f"{token.prefix}  {token.user.username}  {token.organisation}  "
                    f"{state}  {token.name}"
                )
        else:
            tokens = list(ApiToken.objects.filter(prefix=options["prefix"]))
            if len(tokens) != 1:
                raise CommandError(
                    f"Ingen entydig nyckel börjar med {options['prefix']!r} / "
                    "no single token has that prefix"
                )
            api_token_revoke(token=tokens[0])
            self.stdout.write(f"Återkallad / revoked: {tokens[0].prefix}")

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Okänd användare / unknown user: {options['user']!r}")
        try:
            # Code or name, as createuser reads it (places.lookup).
            organisation = organisation_resolve(options["organisation"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages))
        try:
            token, raw = api_token_create(
                user=user, organisation=organisation, name=options["name"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages))
        self.stdout.write(
            f"API-nyckel för {user.username} i {organisation} (visas bara nu / "
            f"shown only now):\n{raw}"
        )
