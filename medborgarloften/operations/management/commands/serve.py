"""``medborgarloften serve``: run the application under waitress, static files included.

waitress is a production-quality pure-Python WSGI server, so the same command serves a
laptop demo and a small installation; WhiteNoise (already in the middleware) serves the
static files. Before serving, the command refuses clearly when the database is not
migrated or the port is taken, and it prints the address (and the demo login, when the
demo users exist) so ``make run`` tells the user where to go.

``--production`` starts the process again with ``MEDBORGARLOFTEN_PRODUCTION=1`` (settings
are read once, at start-up, so the flag cannot switch them in place), refuses DEBUG,
collects the static files into STATIC_ROOT (compressed, with hashed names: WhiteNoise
serves them with far-future caching) and then serves as usual. docs/deploy.md.

Behind nginx every request arrives from the proxy's address. waitress believes the
proxy's ``X-Forwarded-Proto`` (TLS ended there) and ``X-Forwarded-For`` (the client's
address) only from ``--trusted-proxy`` (``TRUSTED_PROXY``, default 127.0.0.1) and
strips them from anyone else, so a client talking to waitress directly cannot claim
https or another address.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import ngettext

from medborgarloften.operations.demo import DEMO_MAIN_USER, DEMO_PASSWORD


def _bounded(value: str, low: int, high: int, invalid: str, outside: str) -> int:
    """``value`` as a whole number from ``low`` to ``high``; the message of the
    ``ArgumentTypeError`` otherwise starts with ``invalid`` or ``outside``."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{invalid}: {value!r}")
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{outside}: {number}")
    return number


def _port(value: str) -> int:
    return _bounded(
        value,
        1,
        65535,
        "ogiltig port / invalid port",
        "porten ska vara 1–65535 / port must be 1–65535",
    )


def _threads(value: str) -> int:
    return _bounded(
        value,
        1,
        256,
        "ogiltigt antal / invalid number",
        "antal trådar ska vara 1–256 / threads must be 1–256",
    )


def proxy_address(value: str) -> str:
    """One IP address, written as the socket layer writes it (waitress compares the
    peer's address as a string); ValueError with a message otherwise."""
    try:
        return str(ipaddress.ip_address(value.strip().strip("[]")))
    except ValueError:
        raise ValueError(f"ingen IP-adress / not an IP address: {value!r}")


def _address(value: str) -> str:
    import argparse

    try:
        return proxy_address(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc))


#: The headers nginx (deploy/nginx.conf) sets and waitress takes from the trusted proxy:
#: the scheme the client used, and the client's address.
TRUSTED_PROXY_HEADERS = frozenset({"x-forwarded-proto", "x-forwarded-for"})


def url_for(host: str, port: int) -> str:
    """The address to print: IPv6 literals in brackets, a wildcard shown as localhost."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def unapplied_migrations() -> list[str]:
    """Migrations the default database still lacks, as 'app.name'."""
    connection = connections["default"]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def demo_login() -> tuple[str, str] | None:
    """The demo user name and password if that account exists and the password works."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=DEMO_MAIN_USER).first()
    if user is not None and user.is_active and user.check_password(DEMO_PASSWORD):
        return DEMO_MAIN_USER, DEMO_PASSWORD
    return None


class Command(BaseCommand):
    help = (
        "Starta webbservern (waitress) / start the web server. "
        "Kör `medborgarloften migrate` först / run migrate first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="Adress att lyssna på / address to listen on (default 127.0.0.1; "
            "0.0.0.0 for every interface).",
        )
        parser.add_argument(
            "--port",
            type=_port,
            default=8000,
            help="Port (default 8000).",
        )
        parser.add_argument(
            "--threads",
            type=_threads,
            default=4,
            help="Antal trådar / worker threads (default 4).",
        )

        parser.add_argument(
            "--trusted-proxy",
            type=_address,
            default=None,
            help="Proxyns adress / the proxy's address: X-Forwarded-Proto and "
            "X-Forwarded-For are believed only from it (default TRUSTED_PROXY, "
            "else 127.0.0.1).",
        )
        parser.add_argument(
            "--production",
            action="store_true",
            help="Produktionsinställningar / production settings: "
            "MEDBORGARLOFTEN_PRODUCTION=1, DEBUG av / off, collectstatic.",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Hoppa över collectstatic med --production / skip collectstatic.",
        )

    def restart_in_production(self, host: str, port: int, options: Any) -> None:
        """Replace this process by one that reads the production settings."""
        env = {**os.environ, "MEDBORGARLOFTEN_PRODUCTION": "1"}
        argv = [
            sys.executable,
            "-m",
            "medborgarloften",
            "serve",
            "--production",
            "--host",
            host,
            "--port",
            str(port),
            "--threads",
            str(options["threads"]),
        ]
        if options["trusted_proxy"]:
            argv += ["--trusted-proxy", options["trusted_proxy"]]
        if options["no_collectstatic"]:
            argv.append("--no-collectstatic")
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, argv, env)  # noqa: S606 - our own interpreter

    def prepare_production(self, options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(
                "DEBUG är på / DEBUG is on: ta bort / unset DEBUG i produktion"
            )
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"].strip()
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        port: int = options["port"]
        trusted_proxy = options["trusted_proxy"]
        if trusted_proxy is None:
            try:
                trusted_proxy = proxy_address(settings.TRUSTED_PROXY)
            except ValueError as exc:
                raise CommandError(f"TRUSTED_PROXY: {exc}")
        if options["production"]:
            if not settings.PRODUCTION:
                self.restart_in_production(host, port, options)
            self.prepare_production(options)

        try:
            missing = unapplied_migrations()
        except DatabaseError as exc:
            raise CommandError(
                f"Databasen svarar inte / the database does not answer: {exc}"
            )
        if missing:
            raise CommandError(
                "Databasen är inte migrerad / the database is not migrated "
                "("
                + ngettext(
                    "%(n)d migrering saknas", "%(n)d migreringar saknas", len(missing)
                )
                % {"n": len(missing)}
                + " / missing). "
                "Kör / run: medborgarloften migrate"
            )
        login = demo_login()
        if not settings.PRODUCTION:
            # WhiteNoise warns at start-up when STATIC_ROOT is missing; in development
            # the finders serve the files, so an empty directory is all it needs.
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

        # loaded once settings and static files are in place
        from waitress import create_server

        from medborgarloften.wsgi import application

        try:
            server = create_server(
                application,
                host=host,
                port=port,
                threads=options["threads"],
                ident="medborgarloften",
                trusted_proxy=trusted_proxy,
                trusted_proxy_headers=set(TRUSTED_PROXY_HEADERS),
            )
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"Porten {port} är upptagen / port {port} is in use: "
                    "välj en annan med / choose another with --port"
                )
            raise CommandError(
                f"Kan inte lyssna på / cannot listen on {host}:{port}: {exc.strerror}"
            )

        self.stdout.write(f"Medborgarlöften körs på {url_for(host, port)}")
        if login is not None:
            self.stdout.write(f"Demo-inloggning: {login[0]} / {login[1]}")
        if settings.PRODUCTION and not Path(settings.STATIC_ROOT).exists():
            self.stderr.write(
                "Statiska filer saknas / static files missing: "
                "kör / run: medborgarloften manage collectstatic"
            )
        self.stdout.write("Avsluta med Ctrl+C / stop with Ctrl+C")
        self.stdout.flush()
        sys.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            self.stdout.write("Stoppad / stopped")
        finally:
            server.close()
