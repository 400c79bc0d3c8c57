"""Shared test set-up: fast hashing, loud templates, and the personas every app uses.

Personas: a kommun (Kalmar) and its lokalpolisområde, a second kommun (Nybro), and one
user per role. Names state who they are: ``kommun_editor`` edits Kalmar's promises,
``polis_editor`` edits for LPO Kalmar, ``other_kommun_editor`` edits for Nybro.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import django
import pytest
from hypothesis import settings as hypothesis_settings

# Speed is measured by benchmarks, never by timing tests: no per-example deadline.
hypothesis_settings.register_profile("medborgarloften", deadline=None)
hypothesis_settings.load_profile("medborgarloften")


class InvalidTemplateVariable(str):
    """Make a missing template variable fail the test instead of rendering as ''."""

    def __mod__(self, other: object) -> str:
        raise AssertionError(f"Undefined template variable: {other!r}")


IMMEDIATE_TASK_BACKEND = (
    "django.tasks.backends.immediate.ImmediateBackend"
    if django.VERSION >= (6, 0)
    else "django_tasks.backends.immediate.ImmediateBackend"
)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate limits count across tests in one process; tests/test_security.py enables
    # them where it checks them.
    settings.RATELIMIT_ENABLED = False
    # Where tests that enable them count (lib/counters.py); never ./var.
    settings.RATELIMIT_DIR = Path(tempfile.mkdtemp(prefix="mbl-ratelimit-"))
    settings.RATELIMIT_CACHE = ""
    settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable(
        "%s"
    )
    # The page cache (publishing/pagecache.py) in this process's memory: tests must
    # not share files under ./var with other runs or a development server.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
        },
        "pages_version": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages-version",
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
        },
    }
    # Background tasks run inside the request unless a test asks for the database
    # backend and its worker (documents/tests/test_jobs.py).
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_TASK_BACKEND}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty page cache: writes that bypass Django (a test's
    raw fixtures) must not meet a page an earlier test cached. Rate-limit counters
    start from zero too."""
    import shutil

    from django.conf import settings
    from django.core.cache import caches

    caches["pages"].clear()
    caches["pages_version"].clear()
    caches["fragments"].clear()
    counters = Path(settings.RATELIMIT_DIR)
    if counters.is_dir() and any(counters.iterdir()):
        shutil.rmtree(counters, ignore_errors=True)


@pytest.fixture(autouse=True)
def _swedish_after_each_test():
    """A request with Accept-Language: en leaves English active in the thread (the
    LocaleMiddleware activates, nothing deactivates); the next test starts in Swedish
    again, as a fresh process does."""
    yield
    from django.utils import translation

    translation.activate("sv")


@pytest.fixture
def county_kalmar(db):
    from medborgarloften.places.models import County, Organisation, OrganisationKind

    region, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.POLISREGION, name="Polisregion Syd"
    )
    county, _ = County.objects.get_or_create(
        code="08", defaults={"name": "Kalmar län", "police_region": region}
    )
    return county


@pytest.fixture
def kalmar(county_kalmar):
    from medborgarloften.places.models import Organisation, OrganisationKind

    return Organisation.objects.get_or_create(
        kind=OrganisationKind.KOMMUN,
        code="0880",
        defaults={"name": "Kalmar", "county": county_kalmar},
    )[0]


@pytest.fixture
def nybro(county_kalmar):
    from medborgarloften.places.models import Organisation, OrganisationKind

    return Organisation.objects.get_or_create(
        kind=OrganisationKind.KOMMUN,
        code="0881",
        defaults={"name": "Nybro", "county": county_kalmar},
    )[0]


@pytest.fixture
def lpo_kalmar(kalmar):
    from medborgarloften.places.models import Organisation, OrganisationKind

    lpo, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.LOKALPOLISOMRADE,
        name="Lokalpolisområde Kalmar",
        defaults={"county": kalmar.county},
    )
    lpo.serves.add(kalmar)
    return lpo


@pytest.fixture
def lpo_nybro(nybro):
    from medborgarloften.places.models import Organisation, OrganisationKind

    lpo, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.LOKALPOLISOMRADE,
        name="Lokalpolisområde Nybro",
        defaults={"county": nybro.county},
    )
    lpo.serves.add(nybro)
    return lpo


def _member(username: str, organisation, role: str):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(
        username=username, password="test-losenord-123", first_name=username
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def kommun_admin(kalmar):
    return _member("kommun_admin", kalmar, "admin")


@pytest.fixture
def kommun_editor(kalmar):
    return _member("kommun_editor", kalmar, "editor")


@pytest.fixture
def kommun_reporter(kalmar):
    return _member("kommun_reporter", kalmar, "reporter")


@pytest.fixture
def kommun_viewer(kalmar):
    return _member("kommun_viewer", kalmar, "viewer")


@pytest.fixture
def polis_editor(lpo_kalmar):
    return _member("polis_editor", lpo_kalmar, "editor")


@pytest.fixture
def other_kommun_editor(nybro):
    return _member("other_kommun_editor", nybro, "editor")


@pytest.fixture
def superuser(db):
    from medborgarloften.accounts.models import User

    return User.objects.create_superuser(
        username="superuser", password="test-losenord-123", email="root@example.org"
    )
