"""Atom feeds per kommun and per promise: new activities and published reports of
public promises only, read through ``feed_items.feed_items`` like the pages.

What staff typed is sent as text (``<summary type="text">``), never as HTML a feed
reader would run; every string passes :func:`~medborgarloften.lib.text.clean_text`,
so a control character stored long ago cannot make the feed fail. Each feed names
its author (RFC 4287 requires one), and entry ids are tag URIs (RFC 4151) under the
installation's own domain, so two installations never share an id.

A feed's ``xml:lang`` is the language it is served in (the visitor's, as for the
pages); on an English feed, an element that holds only what staff wrote in Swedish
(a promise's title, an activity's title, a report's summary) says
``xml:lang="sv"`` itself. Text constructs cannot mark part of their text, so a
summary that mixes translated labels with Swedish text keeps the feed's language.
"""

from __future__ import annotations

import copy
import datetime as dt
import ipaddress
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from medborgarloften.followup.models import Activity, Report
from medborgarloften.lib.access import found
from medborgarloften.lib.text import clean_text
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from .feed_items import FeedItem, feed_items

_TEXT_KEYS = ("title", "description", "subtitle", "author_name", "item_copyright")


#: What staff write (titles, descriptions, summaries) is Swedish.
SOURCE_LANGUAGE = "sv"


def _safe(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


class _Marked:
    """A handler that adds ``xml:lang`` to the elements named in ``langs``; all else
    passes to the real one."""

    def __init__(self, handler: Any, langs: dict[str, str]) -> None:
        self._handler = handler
        self._langs = langs

    def addQuickElement(  # noqa: N802 - the handler's own method name
        self, name: str, contents: Any = None, attrs: Any = None
    ) -> None:
        if name in self._langs:
            attrs = {**(attrs or {}), "xml:lang": self._langs[name]}
        self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handler, name)


def _langs(feed_language: str | None, **elements: bool) -> dict[str, str]:
    """``xml:lang="sv"`` for the elements whose text is Swedish, unless the feed
    is Swedish already."""
    if (feed_language or SOURCE_LANGUAGE).startswith(SOURCE_LANGUAGE):
        return {}
    return {name: SOURCE_LANGUAGE for name, swedish in elements.items() if swedish}


class TextAtom1Feed(Atom1Feed):
    """Atom with plain-text summaries and XML-safe strings throughout."""

    def __init__(self, title: str, link: str, description: str, **kwargs: Any):
        kwargs = {k: _safe(v) if k in _TEXT_KEYS else v for k, v in kwargs.items()}
        super().__init__(_safe(title), link, _safe(description), **kwargs)

    # Takes the same keywords as SyndicationFeed.add_item and passes them on; its
    # explicit keyword list is what mypy compares.
    def add_item(  # type: ignore[override]
        self, title: str, link: str, description: str, **kwargs: Any
    ) -> None:
        kwargs = {k: _safe(v) if k in _TEXT_KEYS else v for k, v in kwargs.items()}
        kwargs["categories"] = [_safe(c) for c in kwargs.get("categories") or ()]
        super().add_item(_safe(title), link, _safe(description), **kwargs)

    def latest_post_date(self) -> dt.datetime:
        """The newest entry's time; with no entries not the request's time (Django's
        default, a feed that changed on every fetch) but ``quiet_since``: a stable
        time the feed gives, asked for then (``_ItemsFeed.feed_extra_kwargs``)."""
        if self.items or self.feed.get("quiet_since") is None:
            return super().latest_post_date()
        return self.feed["quiet_since"]()

    def add_root_elements(self, handler: Any) -> None:
        langs = _langs(
            self.feed["language"], title=bool(self.feed.get("title_swedish"))
        )
        # Any: the stubs want a SimplerXMLGenerator; _Marked stands in for one.
        target: Any = _Marked(handler, langs) if langs else handler
        super().add_root_elements(target)

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        langs = _langs(
            self.feed["language"],
            title=bool(item.get("title_swedish")),
            summary=bool(item.get("summary_swedish")),
        )
        handler = _Marked(handler, langs) if langs else handler
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


def tag_authority(request: HttpRequest | None) -> str:
    """The installation's domain for tag URIs: PUBLIC_SITE_URL's host, or, while
    that is still a local default, the host the request came to."""
    host = urlsplit(getattr(settings, "PUBLIC_SITE_URL", "")).hostname or ""
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host in ("", "localhost")
    if local and request is not None:
        host = request.get_host().rsplit(":", 1)[0].strip("[]") or host
    return host.lower() or "localhost"


def tag_uri(authority: str, day: dt.date, specific: str) -> str:
    """``tag:kalmar.se,2026-03-01:aktivitet/12`` (RFC 4151)."""
    return f"tag:{authority},{day.isoformat()}:{specific}"


def _day(moment: dt.datetime | None) -> dt.date:
    return timezone.localdate(moment) if moment else dt.date(2000, 1, 1)


#: The ``updated`` of an empty feed with no promise to date it by.
QUIET_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class _ItemsFeed(Feed):
    feed_type = TextAtom1Feed
    #: the language the feed is served in (``xml:lang``), the visitor's as for pages
    language = None

    authority = "localhost"

    def get_feed(self, obj: Any, request: HttpRequest) -> Any:
        # One Feed instance serves every thread: the request's authority goes on a
        # copy, never on the shared instance.
        feed = copy.copy(self)
        feed.authority = tag_authority(request)
        return Feed.get_feed(feed, obj, request)

    def items(self, obj: Any) -> list[FeedItem]:
        return feed_items(promises=self.promises(obj))

    def feed_extra_kwargs(self, obj: Any) -> dict[str, Any]:
        """``quiet_since``, the ``updated`` of a feed with no entries: the last change
        of its promises, or (none) a fixed epoch, the same on every fetch. Asked only
        when the feed is empty (a feed with entries costs no query more)."""

        def quiet_since() -> dt.datetime:
            changed = self.promises(obj).aggregate(last=Max("updated_at"))["last"]
            return changed or QUIET_EPOCH

        return {"quiet_since": quiet_since}

    def promises(self, obj: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def item_title(self, item: FeedItem) -> str:
        activity = item.obj
        if isinstance(activity, Report):
            return _("Uppföljningsrapport: %(title)s") % {"title": activity.title}
        area = activity.area_not_in_kind
        where = f" i {area.name}" if area else ""
        return f"{activity.date:%Y-%m-%d}: {activity.kind}{where}"

    def item_description(self, item: FeedItem) -> str:
        # Plain text: the syndication framework escapes it, so script stays text.
        activity = item.obj
        if isinstance(activity, Report):
            return activity.summary or activity.title
        parts = [
            _("Åtagande: %(text)s")
            % {"text": Truncator(activity.commitment.text).chars(200)},
        ]
        if activity.quantity > 1:
            parts.append(_("Antal: %(n)s") % {"n": activity.quantity})
        if activity.organisation:
            parts.append(_("Utförd av: %(org)s") % {"org": activity.organisation})
        if activity.description:
            parts.append(activity.description)
        return "\n".join(parts)

    def item_link(self, item: FeedItem) -> str:
        if isinstance(item.obj, Report):
            return reverse("publishing:report", args=[item.obj.uid])
        # on the page of the promise's timeline where the activity stands
        url = reverse("publishing:promise", args=[item.promise.uid])
        page = f"?sida={item.page}" if item.page > 1 else ""
        return f"{url}{page}#aktivitet-{item.obj.pk}"

    def item_guid(self, item: FeedItem) -> str:
        if isinstance(item.obj, Report):
            return tag_uri(
                self.authority, _day(item.obj.created_at), f"rapport/{item.obj.uid}"
            )
        return tag_uri(
            self.authority, _day(item.obj.created_at), f"aktivitet/{item.obj.pk}"
        )

    def item_author_name(self, item: FeedItem) -> str | None:
        """Who did the activity, when staff said so; otherwise the feed's author."""
        if isinstance(item.obj, Activity) and item.obj.organisation_id:
            return str(item.obj.organisation)
        return None

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedItem) -> dt.datetime:
        return item.updated

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return item.updated

    def item_categories(self, item: FeedItem) -> list[str]:
        return [_("Rapport") if item.kind == "report" else _("Aktivitet")]

    def item_extra_kwargs(self, item: FeedItem) -> dict[str, Any]:
        # An activity's title is its date, kind and area, all as staff wrote them;
        # a report's title has a translated label, its summary is the report's own.
        report = isinstance(item.obj, Report)
        return {"title_swedish": not report, "summary_swedish": report}


class KommunFeed(_ItemsFeed):
    def get_object(self, request: HttpRequest, kommunkod: str) -> Organisation:
        return found(
            lambda: Organisation.objects.kommuner().get(code=kommunkod),
            Organisation.DoesNotExist,
            _("Det finns ingen kommun med kommunkoden %(code)s.") % {"code": kommunkod},
        )

    def promises(self, obj: Organisation) -> Any:
        return Promise.objects.public().filter(parties=obj)

    def title(self, obj: Organisation) -> str:
        return _("Medborgarlöften i %(kommun)s") % {"kommun": obj}

    def author_name(self, obj: Organisation) -> str:
        return str(obj)

    def subtitle(self, obj: Organisation) -> str:
        return _("Nya aktiviteter och uppföljningsrapporter.")

    def link(self, obj: Organisation) -> str:
        return reverse("publishing:kommun", args=[obj.code])


class PromiseFeed(_ItemsFeed):
    def get_object(self, request: HttpRequest, uid: UUID) -> Promise:
        return found(
            lambda: Promise.objects.public().get(uid=uid),
            Promise.DoesNotExist,
            _("Det finns inget publicerat medborgarlöfte med den adressen."),
        )

    def promises(self, obj: Promise) -> Any:
        return Promise.objects.filter(pk=obj.pk)

    def title(self, obj: Promise) -> str:
        return obj.title

    def feed_extra_kwargs(self, obj: Promise) -> dict[str, Any]:
        # the promise's own title
        return {**super().feed_extra_kwargs(obj), "title_swedish": True}

    def author_name(self, obj: Promise) -> str:
        return ", ".join(str(party) for party in obj.parties.all()) or str(obj)

    def subtitle(self, obj: Promise) -> str:
        return _("Nya aktiviteter och uppföljningsrapporter.")

    def link(self, obj: Promise) -> str:
        return reverse("publishing:promise", args=[obj.uid])
