"""RFC 4287 on every Atom feed the site serves (issue #16 item 7): feed and entry
ids, titles, updated dates, authors, alternate links, unique ids, and entry ids as
tag URIs (RFC 4151) under the installation's own domain. ``atom.problems`` is the
checker; the last tests show it catches what it looks for."""

from __future__ import annotations

import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from medborgarloften.followup.models import Activity

from . import atom
from .test_pages import _log, _publish_report
from .test_pages import promise as promise  # noqa: F401 - the fixture
from .test_views import _promise


def _feed_names() -> set[str]:
    """Every URL name in the project whose view is a syndication Feed."""
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                view = pattern.callback
                while not isinstance(view, Feed) and hasattr(view, "__wrapped__"):
                    view = view.__wrapped__
                if isinstance(view, Feed):
                    names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def _urls(promise, quiet):  # noqa: F811
    return {
        "publishing:kommun_feed": [
            reverse("publishing:kommun_feed", args=["0880"]),
            reverse("publishing:kommun_feed", args=[quiet.organisation.code]),
        ],
        "publishing:promise_feed": [
            reverse("publishing:promise_feed", args=[promise.uid]),
            reverse("publishing:promise_feed", args=[quiet.uid]),
        ],
    }


@pytest.fixture
def make_quiet(superuser, nybro, lpo_kalmar):
    """A public promise in another kommun with no activity and no report yet (made
    after the activities: both kommuner then have an area named Centrum)."""

    def make():
        quiet = _promise(superuser, [nybro, lpo_kalmar], title="Tryggare Nybro")
        quiet.organisation = nybro
        return quiet

    return make


def _check(client, urls, authority):
    checked = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml"), url
        found = atom.problems(response.content, authority=authority)
        assert found == [], f"{url}:\n" + "\n".join(found)
        checked += 1
    return checked


def test_the_checker_knows_every_feed_of_the_site(promise, make_quiet):  # noqa: F811
    assert _feed_names() == set(_urls(promise, make_quiet()))


def test_every_feed_is_valid_atom_with_and_without_entries(
    client,
    promise,  # noqa: F811
    make_quiet,
    lpo_kalmar,
):
    logged = _log(promise, 3, description="Tio deltog.\nLugnt i parken.")
    Activity.objects.filter(pk=logged[0].pk).update(organisation=lpo_kalmar)
    _publish_report(promise)
    _publish_report(promise, title="Uppföljning 2026")
    urls = [u for group in _urls(promise, make_quiet()).values() for u in group]
    assert _check(client, urls, "testserver") == 4


def test_entry_ids_use_the_configured_domain(
    client,
    settings,
    promise,  # noqa: F811
    make_quiet,
):
    settings.PUBLIC_SITE_URL = "https://trygg.kalmar.se"
    _log(promise, 2)
    _publish_report(promise)
    urls = [u for group in _urls(promise, make_quiet()).values() for u in group]
    assert _check(client, urls, "trygg.kalmar.se") == 4
    # The same feeds are not valid for another installation's domain.
    response = client.get(urls[0])
    assert atom.problems(response.content, authority="testserver")


BROKEN = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Ett <b>fett</b> flode</title>
  <id>/kommun/0880/</id>
  <link href="/kommun/0880/" rel="alternate"/>
  <entry>
    <title>Utan id-form</title>
    <id>http://example.org/aktivitet/1</id>
    <updated>2026-03-01 18:00</updated>
  </entry>
  <entry>
    <title>Dubblett</title>
    <id>tag:testserver,2026-02-30:aktivitet/2</id>
    <updated>2026-03-01T18:00:00+01:00</updated>
    <link href="http://testserver/lofte/x/" rel="alternate"/>
  </entry>
  <entry>
    <title>Dubblett igen</title>
    <id>tag:testserver,2026-02-30:aktivitet/2</id>
    <updated>2026-03-01T18:00:00+01:00</updated>
    <summary type="html">text</summary>
    <summary type="text">text</summary>
    <link href="http://testserver/lofte/x/" rel="alternate"/>
  </entry>
</feed>
"""


def test_the_checker_finds_what_rfc_4287_forbids():
    found = "\n".join(atom.problems(BROKEN, authority="testserver"))
    for expected in (
        "feed: 0 atom:updated, needs exactly one",
        "feed title: type=text holds child elements",
        "feed: id '/kommun/0880/' is no absolute IRI",
        "feed: link href '/kommun/0880/' not absolute",
        "feed: 0 link rel=self",
        "entry 1: id 'http://example.org/aktivitet/1' is no tag URI",
        "entry 1: updated '2026-03-01 18:00' not RFC 3339",
        "entry 1: no author, and the feed names none",
        "entry 1: no content and no link rel=alternate",
        "entry 2: tag date '2026-02-30' is no date",
        "entry 3: 2 atom:summary, at most one",
        "entry id 'tag:testserver,2026-02-30:aktivitet/2' used 2 times",
    ):
        assert expected in found, f"{expected!r} not in:\n{found}"


def test_the_checker_passes_a_minimal_valid_feed():
    minimal = b"""<feed xmlns="http://www.w3.org/2005/Atom">
      <title>Medborgarl\xc3\xb6ften</title><id>http://testserver/</id>
      <updated>2026-03-01T18:00:00Z</updated><author><name>Kalmar kommun</name></author>
      <link href="http://testserver/flode/" rel="self"/>
      <entry><title>A</title><id>tag:testserver,2026:aktivitet/1</id>
      <updated>2026-03-01T18:00:00Z</updated>
      <link href="http://testserver/lofte/1/"/></entry></feed>"""
    assert atom.problems(minimal, authority="testserver") == []
