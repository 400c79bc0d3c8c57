"""The same report form sent twice (a double tap, a resend) saves one observation."""

from __future__ import annotations

import re
import uuid

import pytest
from django.utils import timezone

from medborgarloften.situation.models import Observation

URL = "/personal/lagesbild/0880/rapportera/"


@pytest.mark.django_db
def test_a_report_sent_twice_is_saved_once(client, kommun_reporter, areas):
    client.force_login(kommun_reporter)
    page = client.get(URL).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', page).group(1)
    payload = {
        "category": "nedskrapning",
        "observed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "area": areas["Centrum"].pk,
        "text": "Sopor utspridda vid busshållplatsen.",
        "submission": key,
    }
    first = client.post(URL, payload)
    second = client.post(URL, payload, follow=True)
    assert first.status_code == 302
    assert Observation.objects.count() == 1
    assert "var redan sparad" in second.content.decode()
    # A fresh form (a new key) is a new report.
    client.post(URL, payload | {"submission": str(uuid.uuid4())})
    assert Observation.objects.count() == 2
    # A form without a key (an old page) still saves.
    client.post(URL, {k: v for k, v in payload.items() if k != "submission"})
    assert Observation.objects.count() == 3


@pytest.mark.django_db
def test_the_error_summary_names_the_position_once(client, kommun_reporter):
    client.force_login(kommun_reporter)
    payload = {
        "category": "klotter",
        "observed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "latitude": "59.9",
        "longitude": "10.0",
    }
    body = client.post(URL, payload).content.decode()
    assert "Position: punkten" in body and "Latitud: Position" not in body
