"""Step 2: the checks of the record's own form the schema cannot express (dates,
targets, focus-area references)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from medborgarloften.lib.text import clean_text
from medborgarloften.vocabulary import ordered_responsible

from .results import RecordError

# --- step 2: semantic checks --------------------------------------------------------


def _date(value: str | None, path: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(path, f"ogiltigt datum {value!r} / invalid date")


def _datetime(value: str | None, path: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(path, f"ogiltig tidpunkt {value!r} / invalid date-time")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed.astimezone(dt.UTC)


def _text(value: str | None) -> str:
    return clean_text(value or "").strip()


def _check_target(c: dict[str, Any], path: str, warnings: list[str]) -> dict[str, Any]:
    """The target fields to store; raise when measurable and target disagree."""
    target = c.get("target")
    measurable = c.get("measurable")
    if measurable is True and target is None:
        raise RecordError(
            f"{path}.target",
            "measurable är true men target saknas / measurable needs a target",
        )
    if measurable is False and target is not None:
        raise RecordError(
            f"{path}.measurable",
            "measurable är false men target är angivet / a target means measurable",
        )
    if target is None:
        return {"quantity": None, "unit": "", "per": "", "deadline": None}
    stored = {
        "quantity": target.get("quantity"),
        "unit": _text(target.get("unit")),
        "per": target.get("per") or "",
        "deadline": _date(target.get("deadline"), f"{path}.target.deadline"),
    }
    if stored["quantity"] is not None:
        stored["quantity"] = int(stored["quantity"])
    if stored["quantity"] is None and not stored["per"] and not stored["deadline"]:
        warnings.append(
            f"{path}.target: varken antal, per eller datum – läst som ej mätbart / "
            "no quantity, per or deadline: loaded as not measurable"
        )
    return stored


def _check_record(record: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """Semantic checks the schema cannot express; returns parsed values."""
    period = record.get("period") or {}
    start = _date(period.get("start"), "period.start")
    end = _date(period.get("end"), "period.end")
    details = record.get("focus_area_details")
    titles = record.get("focus_areas")
    if details is not None:
        detail_titles = [d["title"] for d in details]
        if titles is not None and [t.strip() for t in titles] != [
            t.strip() for t in detail_titles
        ]:
            raise RecordError(
                "focus_areas",
                "ska vara titlarna i focus_area_details, i samma ordning / "
                "must list the titles of focus_area_details in order",
            )
        focus = [
            {
                "title": d["title"].strip(),
                "description": _text(d.get("description")),
                "themes": list(d.get("themes") or []),
                "places": list(d.get("places") or []),
            }
            for d in details
        ]
        focus_path = "focus_area_details"
    else:
        focus = [
            {"title": t.strip(), "description": "", "themes": [], "places": []}
            for t in titles or []
        ]
        focus_path = "focus_areas"
    # A period that ends before it starts, a focus area twice, a commitment without
    # text: the writer's rules (services.writer), reported at their record paths.
    seen = {fa["title"] for fa in focus}
    commitments = []
    for i, c in enumerate(record.get("commitments") or []):
        path = f"commitments[{i}]"
        fa_title = _text(c.get("focus_area")) or None
        if fa_title is not None and fa_title not in seen:
            raise RecordError(
                f"{path}.focus_area",
                f"okänt fokusområde {fa_title!r} / not one of focus_areas",
            )
        commitments.append(
            {
                "text": c["text"].strip(),
                "responsible": ordered_responsible(c.get("responsible") or []),
                "target": _check_target(c, path, warnings),
                "places": list(c.get("places") or []),
                "themes": list(c.get("themes") or []),
                "focus_area": fa_title,
                "other_parties": list(c.get("other_parties") or []),
            }
        )
    signatories = [
        {
            "name": s["name"].strip(),
            "title": _text(s.get("title")),
            "organisation": _text(s.get("organisation")),
            "date": _date(s.get("date"), f"signatories[{i}].date"),
        }
        for i, s in enumerate(record.get("signatories") or [])
    ]
    return {
        "start": start,
        "end": end,
        "focus": focus,
        "focus_path": focus_path,
        "commitments": commitments,
        "signatories": signatories,
        "adopted_on": _date(record.get("adopted_on"), "adopted_on"),
        "published_at": _datetime(record.get("published_at"), "published_at"),
        "closed_on": _date(record.get("closed_on"), "closed_on"),
        "historical": record.get("historical"),
    }


#: Model field → where it sits in the record, for messages from model validation.
