"""Scoped invalidation (issue #20, item 2): a write makes a miss of only the pages that
show what it changed — the promise's own pages, its kommuner's pages, and the national
lists when a published fact changed; every other kommun's and promise's pages stay in
the cache. The versions live in the shared store, so another process sees a change."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from medborgarloften.followup.models import Activity
from medborgarloften.followup.services.activities import (
    activity_create,
    activity_delete,
)
from medborgarloften.places.models import Area
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.promises.services import promise_set_status
from medborgarloften.publishing import pagewrites
from medborgarloften.publishing.pagecache import HEADER

from .test_views import _promise

ROOT = Path(__file__).resolve().parents[3]
PERIOD = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2099, 12, 31)}


@pytest.fixture
def promise_a(superuser, kalmar, lpo_kalmar):
    return _promise(superuser, [kalmar, lpo_kalmar], title="Tryggare Kalmar", **PERIOD)


@pytest.fixture
def promise_a2(superuser, kalmar, lpo_kalmar, promise_a):
    return _promise(superuser, [kalmar, lpo_kalmar], title="Lugnare Kalmar", **PERIOD)


@pytest.fixture
def promise_b(superuser, nybro, lpo_nybro, promise_a):
    return _promise(superuser, [nybro, lpo_nybro], title="Tryggare Nybro", **PERIOD)


def promise_urls(promise) -> list[str]:
    return [
        reverse("publishing:promise", args=[promise.uid]),
        reverse("publishing:embed", args=[promise.uid]),
        reverse("publishing:promise_feed", args=[promise.uid]),
        f"/api/v1/promises/{promise.uid}",
    ]


def kommun_urls(code: str) -> list[str]:
    area = Area.objects.filter(kommun__code=code).first()
    return [
        reverse("publishing:kommun", args=[code]),
        reverse("publishing:kommun_feed", args=[code]),
        reverse("publishing:area", args=[code, area.pk]),
        f"/api/v1/kommuner/{code}",
    ]


def national_urls() -> list[str]:
    # Search first: on SQLite it may bring the search index up to date (see warm).
    return [
        reverse("publishing:search") + "?q=Tryggare",
        reverse("publishing:home"),
        reverse("publishing:overview"),
        "/api/v1/promises",
        "/api/v1/activities",
    ]


def warm(client, urls: list[str]) -> None:
    for url in urls:
        # On SQLite the first search after a change brings the search index up to
        # date: a write to a national table, so that answer is filed under the
        # version it replaced; the next one is kept.
        client.get(url)
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response[HEADER] == "hit", url


def states(client, urls: list[str]) -> dict[str, str]:
    return {url: client.get(url)[HEADER] for url in urls}


def _log(promise, kind: str = "Nattvandring vid Lindö") -> Activity:
    return activity_create(
        commitment=promise.commitments.order_by("position")[0],
        date=dt.date(2026, 3, 1),
        kind=kind,
    )


def test_a_write_in_one_kommun_leaves_another_kommuns_pages_in_the_cache(
    client, promise_a, promise_b
):
    a_promise, a_kommun = promise_urls(promise_a), kommun_urls("0880")
    b_pages = promise_urls(promise_b) + kommun_urls("0881")
    warm(client, a_promise + a_kommun + b_pages + national_urls())

    _log(promise_a)

    assert set(states(client, b_pages).values()) == {"hit"}
    assert set(states(client, a_promise).values()) == {"miss"}
    assert set(states(client, a_kommun).values()) == {"miss"}
    # The activity is public: the national lists show it.
    assert set(states(client, national_urls()).values()) == {"miss"}
    page = client.get(reverse("publishing:promise", args=[promise_a.uid]))
    assert "Nattvandring vid Lindö" in page.content.decode()


def test_a_promise_write_leaves_another_promise_of_the_same_kommun_in_the_cache(
    client, promise_a, promise_a2
):
    other = promise_urls(promise_a2)
    warm(client, promise_urls(promise_a) + other + kommun_urls("0880"))

    activity = _log(promise_a)
    assert set(states(client, other).values()) == {"hit"}
    assert set(states(client, promise_urls(promise_a)).values()) == {"miss"}
    # The kommun page lists both promises: it is rebuilt.
    assert client.get(reverse("publishing:kommun", args=["0880"]))[HEADER] == "miss"

    warm(client, promise_urls(promise_a))
    activity_delete(activity=activity, version=activity.version)
    assert set(states(client, other).values()) == {"hit"}
    assert set(states(client, promise_urls(promise_a)).values()) == {"miss"}


def test_national_pages_change_only_when_a_published_fact_changes(
    client, superuser, kalmar, lpo_kalmar, promise_a
):
    draft = _promise(superuser, [kalmar, lpo_kalmar], title="Tryggare utkast")
    promise_set_status(actor=superuser, promise=draft, status="adopted")
    draft.refresh_from_db()
    warm(client, national_urls() + promise_urls(promise_a))

    # A draft's changes show nowhere public.
    Commitment.objects.filter(promise=draft).first().save()
    assert set(states(client, national_urls()).values()) == {"hit"}

    # Publishing it changes the national lists (and not the other promise).
    promise_set_status(actor=superuser, promise=draft, status="published")
    assert set(states(client, national_urls()).values()) == {"miss"}
    assert set(states(client, promise_urls(promise_a)).values()) == {"hit"}
    assert "Tryggare utkast" in client.get("/api/v1/promises").content.decode()

    # A change to a published promise's title, saved through the ORM.
    warm(client, national_urls())
    promise_a.title = "Tryggare Kalmar 2030"
    promise_a.save()
    assert set(states(client, national_urls()).values()) == {"miss"}
    assert "Tryggare Kalmar 2030" in client.get("/api/v1/promises").content.decode()


def test_a_party_added_changes_that_kommuns_pages_too(
    client, nybro, promise_a, promise_b
):
    b_kommun = kommun_urls("0881")
    warm(client, b_kommun + promise_urls(promise_b))
    promise_a.parties.add(nybro)
    assert set(states(client, b_kommun).values()) == {"miss"}
    assert set(states(client, promise_urls(promise_b)).values()) == {"hit"}
    kommun = client.get(reverse("publishing:kommun", args=["0881"]))
    assert "Tryggare Kalmar" in kommun.content.decode()

    warm(client, b_kommun)
    promise_a.parties.remove(nybro)
    assert set(states(client, b_kommun).values()) == {"miss"}


def test_writes_no_signal_reports_still_empty_every_page(client, promise_a, promise_b):
    """QuerySet.update and bulk_create send no model signal: the SQL watcher replaces
    the global version, so nothing can go stale."""
    pages = promise_urls(promise_b) + kommun_urls("0881")
    warm(client, pages)
    Promise.objects.filter(pk=promise_a.pk).update(title="Ändrat utan signal")
    assert set(states(client, pages).values()) == {"miss"}

    warm(client, pages)
    commitment = promise_a.commitments.first()
    Activity.objects.bulk_create(
        [Activity(commitment=commitment, date=dt.date(2026, 3, 2), kind="Möte")]
    )
    assert set(states(client, pages).values()) == {"miss"}


def test_an_area_change_empties_its_kommuns_and_promises_pages_only(
    client, promise_a, promise_b
):
    b_pages = promise_urls(promise_b) + kommun_urls("0881")
    a_pages = promise_urls(promise_a) + kommun_urls("0880")
    warm(client, b_pages + a_pages)
    area = Area.objects.get(kommun__code="0880", name="Centrum")
    area.name = "Centrum och Kvarnholmen"
    area.save()
    assert set(states(client, b_pages).values()) == {"hit"}
    # The kommun's pages and the pages of the promise that names the area.
    assert set(states(client, a_pages).values()) == {"miss"}
    page = client.get(reverse("publishing:promise", args=[promise_a.uid]))
    assert "Centrum och Kvarnholmen" in page.content.decode()


def test_a_failed_save_does_not_keep_later_writes_from_counting(
    client, promise_a, promise_b
):
    pages = promise_urls(promise_b)
    warm(client, pages)
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(commitment_id=None, date=dt.date(2026, 1, 1))
    assert not pagewrites.in_scoped_write()
    Promise.objects.filter(pk=promise_b.pk).update(title="Nybro 2030")
    assert client.get(pages[0])[HEADER] == "miss"


@pytest.mark.django_db(transaction=True)
def test_the_versions_are_replaced_again_when_the_transaction_commits(
    client, superuser, kalmar, lpo_kalmar, nybro, lpo_nybro
):
    """A worker that rebuilds a page between the write and the commit reads the old
    data: the commit replaces the scope's version again, so that page is not kept."""
    promise_a = _promise(superuser, [kalmar, lpo_kalmar], title="Kalmar", **PERIOD)
    promise_b = _promise(superuser, [nybro, lpo_nybro], title="Nybro", **PERIOD)
    page = reverse("publishing:promise", args=[promise_a.uid])
    other = reverse("publishing:promise", args=[promise_b.uid])
    warm(client, [page, other])
    with transaction.atomic():
        _log(promise_a)
        assert client.get(page)[HEADER] == "miss"
        assert client.get(page)[HEADER] == "hit"
    assert client.get(page)[HEADER] == "miss"
    assert client.get(other)[HEADER] == "hit"


def test_a_scoped_change_in_another_process_is_seen_here(
    client, promise_a, promise_b, settings, tmp_path
):
    """Two processes with the production store (files under DATA_DIR): the other
    process replaces kommun 0880's version; here its pages are rebuilt, Nybro's not."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache" / "pages"),
        },
        "pages_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache" / "version"),
        },
    }
    a_kommun = reverse("publishing:kommun", args=["0880"])
    b_kommun = reverse("publishing:kommun", args=["0881"])
    warm(client, [a_kommun, b_kommun])
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CACHE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from medborgarloften.publishing import pagecache; "
            "pagecache.bump({pagecache.kommun_scope('0880')})",
        ],
        env=env,
        check=True,
        cwd=tmp_path,
    )
    assert client.get(a_kommun)[HEADER] == "miss"
    assert client.get(b_kommun)[HEADER] == "hit"
