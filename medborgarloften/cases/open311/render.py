"""Open311 records as the GeoReport v2 specification names them, and the two
formats: JSON (a list) and XML (a root element holding one element per record)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.timezone import get_default_timezone, localtime, make_aware

from medborgarloften.vocabulary import THEMES

from ..models import Case, CaseStatus

#: A service is a theme: its code is the theme's code.
SERVICE_GROUP = "Trygghet"


def service_record(code: str) -> dict[str, Any]:
    return {
        "service_code": code,
        "service_name": THEMES[code],
        "description": THEMES[code],
        "metadata": False,
        "type": "batch",
        "keywords": code.replace("_", ","),
        "group": SERVICE_GROUP,
    }


def _iso(value: Any) -> str | None:
    return localtime(value).isoformat(timespec="seconds") if value else None


def _expected(due_on: dt.date | None) -> str | None:
    """GeoReport v2's expected_datetime is a datetime: a case due on a day is
    expected by that day's end in the site's time zone (with its offset)."""
    if due_on is None:
        return None
    end = dt.datetime.combine(due_on, dt.time(23, 59, 59))
    return make_aware(end, get_default_timezone()).isoformat(timespec="seconds")


def request_record(case: Case, site: str = "") -> dict[str, Any]:
    """A public case as a service request: screened text, no e-mail, the point
    rounded to about ten metres; ``media_url`` (under ``site``, the scheme and
    host) only for a photo moderation approved."""
    closed = case.status in (CaseStatus.ANSWERED, CaseStatus.CLOSED)
    notes = case.public_answer or case.public_close_reason
    return {
        "service_request_id": str(case.pk),
        "status": "closed" if closed else "open",
        "status_notes": notes or None,
        "service_name": THEMES.get(case.theme, case.theme),
        "service_code": case.theme,
        "description": case.public_text,
        "agency_responsible": case.owner.name if case.owner else None,
        "service_notice": None,
        "requested_datetime": _iso(case.created_at),
        "updated_datetime": _iso(case.updated_at),
        "expected_datetime": _expected(case.due_on),
        "address": case.place_text or (case.area.name if case.area else None),
        "address_id": None,
        "zipcode": None,
        "lat": round(case.latitude, 4) if case.latitude is not None else None,
        "long": round(case.longitude, 4) if case.longitude is not None else None,
        "media_url": (
            site + reverse("cases:photo", args=[case.pk])
            if case.photo_public and case.photo
            else None
        ),
    }


def _xml_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def respond(
    fmt: str, root: str, item: str, records: list[dict[str, Any]], status: int = 200
) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(
            records,
            safe=False,
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    tree = ET.Element(root)
    for record in records:
        element = ET.SubElement(tree, item)
        for key, value in record.items():
            ET.SubElement(element, key).text = _xml_value(value)
    body = ET.tostring(tree, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def respond_discovery(fmt: str, record: dict[str, Any]) -> HttpResponse:
    """The discovery document: a JSON object, or ``<discovery>`` with
    ``<endpoints><endpoint>…<formats><format>`` as the specification's example."""
    if fmt == "json":
        return JsonResponse(record, json_dumps_params={"ensure_ascii": False})
    tree = ET.Element("discovery")
    for key in ("changeset", "contact", "key_service"):
        ET.SubElement(tree, key).text = _xml_value(record[key])
    endpoints = ET.SubElement(tree, "endpoints")
    for endpoint in record["endpoints"]:
        element = ET.SubElement(endpoints, "endpoint")
        for key, value in endpoint.items():
            if key == "formats":
                formats = ET.SubElement(element, "formats")
                for name in value:
                    ET.SubElement(formats, "format").text = name
            else:
                ET.SubElement(element, key).text = _xml_value(value)
    body = ET.tostring(tree, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The specification's error shape: a list of {code, description}."""
    return respond(
        fmt, "errors", "error", [{"code": status, "description": description}], status
    )
