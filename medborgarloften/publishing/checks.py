"""Deployment check for the open data (``check --deploy``): the DCAT-AP-SE catalogue
and the OpenAPI description must name the kommun that publishes the data and an
address to reach it, or dataportal.se gets a catalogue published by "Medborgarlöften"
with no contact point. Settings only: checks run before the database is there."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from medborgarloften.publishing.api.catalogue import contact_email


@checks.register(checks.Tags.compatibility, deploy=True)
def check_open_data_publisher(app_configs: Any = None, **kwargs: Any) -> list:

    unset = [
        name
        for name in ("API_PUBLISHER_KOMMUN", "API_PUBLISHER")
        if not getattr(settings, name, "")
    ]
    if not contact_email():
        unset.append("API_CONTACT_EMAIL")
    if not unset:
        return []
    return [
        checks.Warning(
            "Öppna data saknar utgivare eller kontakt / the open data catalogue "
            "lacks its publisher or contact: " + "; ".join(unset),
            hint="Sätt kommunkoden (API_PUBLISHER_KOMMUN=0880), namnet "
            '(API_PUBLISHER="Kalmar kommun") och API_CONTACT_EMAIL; docs/api.md.',
            id="medborgarloften.W020",
        )
    ]
