"""Atom feeds per kommun and per promise: new activities and published reports of
public promises only, read through ``selectors.feed_items`` like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from medborgarloften.followup.models import Activity, Report
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from .selectors import FeedItem, feed_items


class _ItemsFeed(Feed):
    feed_type = Atom1Feed
    language = "sv"

    def items(self, obj: Any) -> list[FeedItem]:
        return feed_items(promises=self.promises(obj))

    def promises(self, obj: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def item_title(self, item: FeedItem) -> str:
        if item.kind == "report":
            return _("Uppföljningsrapport: %(title)s") % {"title": item.obj.title}
        activity: Activity = item.obj  # type: ignore[assignment]
        where = f" i {activity.area.name}" if activity.area else ""
        return f"{activity.date:%Y-%m-%d}: {activity.kind}{where}"

    def item_description(self, item: FeedItem) -> str:
        # Plain text: the syndication framework escapes it, so script stays text.
        if item.kind == "report":
            report: Report = item.obj  # type: ignore[assignment]
            return report.summary or report.title
        activity: Activity = item.obj  # type: ignore[assignment]
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
        if item.kind == "report":
            return reverse("followup:public_report", args=[item.obj.uid])
        url = reverse("publishing:promise", args=[item.promise.uid])
        return f"{url}#aktivitet-{item.obj.pk}"

    def item_guid(self, item: FeedItem) -> str:
        return f"urn:medborgarloften:{item.kind}:{item.obj.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedItem) -> dt.datetime:
        return item.updated

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return item.updated

    def item_categories(self, item: FeedItem) -> list[str]:
        return [_("Rapport") if item.kind == "report" else _("Aktivitet")]


class KommunFeed(_ItemsFeed):
    def get_object(self, request: HttpRequest, kommunkod: str) -> Organisation:
        try:
            return Organisation.objects.kommuner().get(code=kommunkod)
        except Organisation.DoesNotExist:
            raise Http404(
                _("Det finns ingen kommun med kommunkoden %(code)s.")
                % {"code": kommunkod}
            )

    def promises(self, obj: Organisation) -> Any:
        return Promise.objects.public().filter(parties=obj)

    def title(self, obj: Organisation) -> str:
        return _("Medborgarlöften i %(kommun)s") % {"kommun": obj}

    def subtitle(self, obj: Organisation) -> str:
        return _("Nya aktiviteter och uppföljningsrapporter.")

    def link(self, obj: Organisation) -> str:
        return reverse("publishing:kommun", args=[obj.code])


class PromiseFeed(_ItemsFeed):
    def get_object(self, request: HttpRequest, uid: UUID) -> Promise:
        try:
            return Promise.objects.public().get(uid=uid)
        except Promise.DoesNotExist:
            raise Http404(
                _("Det finns inget publicerat medborgarlöfte med den adressen.")
            )

    def promises(self, obj: Promise) -> Any:
        return Promise.objects.filter(pk=obj.pk)

    def title(self, obj: Promise) -> str:
        return obj.title

    def subtitle(self, obj: Promise) -> str:
        return _("Nya aktiviteter och uppföljningsrapporter.")

    def link(self, obj: Promise) -> str:
        return reverse("publishing:promise", args=[obj.uid])
