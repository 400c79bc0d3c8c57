"""E-mail subscriptions, the reads and the wording: what a subscription follows,
signed links, and what is new for it. Writes are in ``services.py``.

Only the address is stored, with what it follows. Links are signed
(``django.core.signing``), so no token is kept: a confirmation link lasts
``CONFIRM_DAYS`` days, after which the unconfirmed subscription is deleted; an
unsubscribe link lasts as long as the subscription.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from medborgarloften.followup.models import Activity, Report
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Commitment, Promise

from .models import Delivery, DeliveryKind, Subscription

CONFIRM_DAYS = 7
#: At most this many confirmation mails to one address per hour …
MAILS_PER_HOUR = 5
#: … and none sooner than this after the previous one.
MAIL_GAP = timedelta(minutes=2)
_CONFIRM_SALT = "medborgarloften.publishing.subscription.confirm"
_UNSUBSCRIBE_SALT = "medborgarloften.publishing.subscription.unsubscribe"

#: Target kinds as they appear in the subscribe URL's query string.
TARGET_KINDS = ("kommun", "omrade", "atagande")


#: Providers that ignore dots in the local part (a.nna@gmail.com is anna@gmail.com).
_DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox(email: str) -> str:
    """The mailbox an address delivers to: ``anna+1@exempel.se``, ``anna+x@…`` and
    ``anna@exempel.se`` are one (RFC 5233 subaddressing, which most mail servers
    follow), as are Gmail's dotted spellings. The confirmation-mail cap counts per
    mailbox, so a new tag does not buy new mails."""
    local, _at, domain = (email or "").strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), _DOTLESS[domain]
    return f"{local}@{domain}"


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps(
        {"id": subscription.pk, "e": subscription.email}, salt=_CONFIRM_SALT
    )


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(
        {"id": subscription.pk, "e": subscription.email}, salt=_UNSUBSCRIBE_SALT
    )


def _from_token(token: str, salt: str, max_age: timedelta | None) -> Subscription:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        return Subscription.objects.get(pk=int(data["id"]), email=str(data["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise Subscription.DoesNotExist(str(exc)) from exc


def subscription_for_confirmation(token: str) -> Subscription:
    """The subscription a confirmation link names; raises DoesNotExist when the
    link is forged, expired or its subscription gone."""
    return _from_token(token, _CONFIRM_SALT, timedelta(days=CONFIRM_DAYS))


def subscription_for_unsubscribe(token: str) -> Subscription:
    """The subscription an unsubscribe link names; raises DoesNotExist."""
    return _from_token(token, _UNSUBSCRIBE_SALT, None)


def _public_promises() -> QuerySet[Promise]:
    return Promise.objects.public()


def subscription_target(kind: str, ident: str) -> Organisation | Area | Commitment:
    """What ``?kommun=0880``, ``?omrade=12`` or ``?atagande=34`` names, if the
    public may follow it; raises LookupError otherwise."""
    ident = (ident or "").strip()[:20]
    try:
        if kind == "kommun":
            return Organisation.objects.kommuner().get(code=ident)
        if kind == "omrade":
            return Area.objects.select_related("kommun").get(pk=int(ident))
        if kind == "atagande":
            return Commitment.objects.select_related("promise").get(
                pk=int(ident), promise__in=_public_promises()
            )
    except (ValueError, Organisation.DoesNotExist, Area.DoesNotExist):
        pass
    except Commitment.DoesNotExist:
        pass
    raise LookupError(kind)


def target_kind(target: object) -> str:
    if isinstance(target, Organisation):
        return "kommun"
    if isinstance(target, Area):
        return "omrade"
    return "atagande"


def target_label(target: object) -> str:
    """The followed thing named for a mail or a page."""
    if isinstance(target, Organisation):
        return str(target)
    if isinstance(target, Area):
        return (
            f"{target.name} ({target.kommun.name})" if target.kommun_id else target.name
        )
    if isinstance(target, Commitment):
        text = target.text if len(target.text) <= 80 else target.text[:79] + "…"
        return f"åtagandet ”{text}”"
    return str(target)


@dataclass(frozen=True)
class NewsItem:
    kind: str
    object_id: int
    day: date
    title: str
    path: str


def _activities(subscription: Subscription) -> QuerySet[Activity]:
    activities = Activity.objects.filter(
        commitment__promise__in=_public_promises(),
        created_at__gt=subscription.confirmed_at,
    )
    if subscription.kommun_id:
        activities = activities.filter(
            commitment__promise__parties=subscription.kommun_id
        )
    elif subscription.area_id:
        # Only promises the area's kommun is a party to (promises.PartyRequest).
        activities = activities.filter(
            Q(area=subscription.area_id) | Q(commitment__areas=subscription.area_id),
            commitment__promise__parties__areas=subscription.area_id,
        )
    else:
        activities = activities.filter(commitment=subscription.commitment_id)
    return activities


def _reports(subscription: Subscription) -> QuerySet[Report]:
    reports = Report.objects.published().filter(
        published_at__gt=subscription.confirmed_at
    )
    if subscription.kommun_id:
        reports = reports.filter(promise__parties=subscription.kommun_id)
    elif subscription.area_id:
        reports = reports.filter(
            Q(promise__areas=subscription.area_id)
            | Q(promise__commitments__areas=subscription.area_id),
            promise__parties__areas=subscription.area_id,
        )
    else:
        reports = reports.filter(promise__commitments=subscription.commitment_id)
    return reports


def subscription_news(subscription: Subscription) -> list[NewsItem]:
    """Published activities and reports for what the subscription follows, made
    public after it was confirmed and not yet told to it, oldest first."""
    if subscription.confirmed_at is None:
        return []
    told = Delivery.objects.filter(subscription=subscription)
    activity_ids = (
        _activities(subscription)
        .exclude(pk__in=told.filter(kind=DeliveryKind.ACTIVITY).values("object_id"))
        .values("pk")
    )
    report_ids = (
        _reports(subscription)
        .exclude(pk__in=told.filter(kind=DeliveryKind.REPORT).values("object_id"))
        .values("pk")
    )
    items: list[NewsItem] = []
    for activity in Activity.objects.filter(pk__in=activity_ids).select_related(
        "commitment__promise", "area"
    ):
        area = activity.area_not_in_kind
        where = f" i {area.name}" if area else ""
        items.append(
            NewsItem(
                DeliveryKind.ACTIVITY,
                activity.pk,
                activity.date,
                f"{activity.kind}{where} ({activity.commitment.promise.title})",
                reverse("publishing:promise", args=[activity.commitment.promise.uid]),
            )
        )
    for report in Report.objects.filter(pk__in=report_ids).select_related("promise"):
        items.append(
            NewsItem(
                DeliveryKind.REPORT,
                report.pk,
                timezone.localdate(report.published_at)
                if report.published_at
                else report.period_end,
                f"Uppföljningsrapport: {report.title} ({report.promise.title})",
                reverse("publishing:report", args=[report.uid]),
            )
        )
    return sorted(items, key=lambda item: (item.day, item.kind, item.object_id))


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def mail_context(subscription: Subscription, base_url: str, **extra: Any) -> dict:
    return {
        "subscription": subscription,
        "target": target_label(subscription.target),
        "unsubscribe_url": absolute(
            base_url,
            reverse("publishing:unsubscribe", args=[unsubscribe_token(subscription)]),
        ),
        **extra,
    }
