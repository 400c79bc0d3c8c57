"""Run by tests/test_replica.py in a process of its own, with DATABASE_URL and
DATABASE_REPLICA_URL naming two databases: builds both, puts a differently named
kommun in each, and prints which one each kind of request read, as JSON."""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, router  # noqa: E402
from django.test import Client  # noqa: E402

from medborgarloften.places.models import County, Organisation  # noqa: E402


def build(alias: str, name: str) -> None:
    call_command("migrate", database=alias, verbosity=0, interactive=False)
    county, _ = County.objects.using(alias).get_or_create(code="08", name="Kalmar län")
    Organisation.objects.using(alias).update_or_create(
        kind="kommun", code="0880", defaults={"name": name, "county": county}
    )


build("default", "Primärkommunen")
build("replica", "Replikkommunen")

client = Client(HTTP_HOST="localhost")
results = {
    "aliases": sorted(connections.databases),
    "public_api": client.get("/api/v1/kommuner/0880").content.decode(),
    "public_page": client.get("/kommun/0880/").content.decode(),
}
client.cookies[settings.SESSION_COOKIE_NAME] = "någon-session"
results["with_session"] = client.get("/api/v1/kommuner/0880").content.decode()
results["staff_login_page_status"] = (
    Client(HTTP_HOST="localhost").get("/konto/logga-in/").status_code
)
results["write_alias"] = router.db_for_write(Organisation)
results["read_alias_outside_requests"] = router.db_for_read(Organisation)
print(json.dumps(results))
