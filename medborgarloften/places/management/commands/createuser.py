"""``medborgarloften createuser``: a user with a role in one organisation."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.accounts.models import Role, User
from medborgarloften.places.members import (
    organisation_resolve,
    user_create_with_membership,
)


def _error(exc: ValidationError) -> CommandError:
    if hasattr(exc, "error_dict"):
        lines = [
            f"{field}: {' '.join(messages)}"
            for field, messages in exc.message_dict.items()
        ]
    else:
        lines = exc.messages
    return CommandError("\n".join(lines) + "\nInget skapades / nothing was created.")


class Command(BaseCommand):
    help = (
        "Skapa en användare med en roll i en organisation, eller ge en befintlig "
        "användare en roll / create a user with a role in an organisation"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", metavar="ANVÄNDARNAMN")
        parser.add_argument(
            "--organisation",
            required=True,
            help="kommunkod eller organisationens namn / kommunkod or organisation name",
        )
        parser.add_argument(
            "--role", required=True, help=f"roll / role: {', '.join(Role.values)}"
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--password-stdin",
            action="store_true",
            help="läs lösenordet från första raden på stdin / read it from stdin",
        )
        source.add_argument(
            "--password-env",
            metavar="VAR",
            help="läs lösenordet från miljövariabeln VAR / read it from variable VAR",
        )
        parser.add_argument(
            "--update-role",
            action="store_true",
            help="byt roll om användaren redan har en här / change an existing role",
        )

    def _password(self, options: dict[str, Any], user_exists: bool) -> str | None:
        if options["password_stdin"]:
            return sys.stdin.readline().rstrip("\r\n")
        if options["password_env"]:
            value = os.environ.get(options["password_env"])
            if not value:
                raise CommandError(
                    f"--password-env: {options['password_env']} är inte satt / is not set"
                )
            return value
        if user_exists:
            return None
        if not sys.stdin.isatty():
            raise CommandError(
                "lösenord saknas: använd --password-stdin eller --password-env / "
                "no password: use --password-stdin or --password-env"
            )
        first = getpass.getpass("Lösenord / password: ")
        second = getpass.getpass("Lösenord igen / password again: ")
        if first != second:
            raise CommandError("lösenorden är olika / the passwords differ")
        return first

    def handle(self, *args: Any, **options: Any) -> None:

        username = options["username"].strip()
        if options["role"] not in Role.values:
            raise CommandError(
                f"role: okänd roll {options['role']!r} / unknown role; välj / choose: "
                f"{', '.join(Role.values)}\nInget skapades / nothing was created."
            )
        try:
            # Resolve before asking for a password, so a typo fails at once.
            organisation = organisation_resolve(options["organisation"])
        except ValidationError as exc:
            raise _error(exc)
        exists = User.objects.filter(username=username).exists()
        password = self._password(options, exists)
        try:
            result = user_create_with_membership(
                username=username,
                organisation=organisation,
                role=options["role"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                password=password,
                update_role=options["update_role"],
            )
        except ValidationError as exc:
            raise _error(exc)
        m = result.membership
        where = f"{m.get_role_display()} i {m.organisation}"
        if result.user_created:
            self.stdout.write(f"Skapade {username}: {where} / created")
        elif result.membership_created:
            self.stdout.write(f"{username} fanns; ny roll {where} / membership added")
        elif result.role_changed:
            self.stdout.write(f"{username}: rollen ändrad till {where} / role changed")
        else:
            self.stdout.write(f"{username} är redan {where} / nothing to change")
