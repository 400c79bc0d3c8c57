"""Wording a coordinator reported: the editor's move announcements, who asked and
who answered a party request, and who is responsible for a commitment."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment
from medborgarloften.promises.services import (
    CommitmentRow,
    PromiseFields,
    promise_create,
    promise_party_accept,
)

SCRIPT = (
    Path(__file__).resolve().parents[2] / "static/medborgarloften/js/promise-form.js"
)


def test_a_moved_row_is_announced_in_a_whole_sentence(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    html = client.get(reverse("promises:edit", args=[kalmar_promise.pk])).content
    html = html.decode()
    assert 'data-moved-text="Åtagandet flyttat till plats %(n)s."' in html
    assert 'data-first-text="Åtagandet är redan först."' in html
    assert 'data-moved-text="Fokusområdet flyttat till plats %(n)s."' in html
    assert 'data-moved-text="Undertecknaren flyttad till plats %(n)s."' in html
    # The target preview's words, the msgids Commitment.target_display uses.
    assert 'data-at-least-text="minst %(quantity)s %(unit)s"' in html
    assert 'data-by-text="senast %(due)s"' in html
    script = SCRIPT.read_text(encoding="utf-8")
    assert " flyttad till plats " not in script and " är redan " not in script
    assert "data-moved-text" in script


def test_who_asked_reads_apart_from_the_answer(
    client, kommun_editor, polis_editor, kalmar, lpo_kalmar
):
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Trygg hamn", parties=[kalmar, lpo_kalmar]),
        focus_areas=[],
        commitments=[],
        signatories=[],
    )
    promise_party_accept(actor=polis_editor, request=promise.party_requests.get())
    client.force_login(kommun_editor)
    url = reverse("promises:detail", args=[promise.pk])
    html = client.get(url).content.decode()
    assert "Lokalpolisområde Kalmar har godkänt att stå som part" in html
    assert "Frågan ställdes av kommun_editor" in html
    assert "Svaret gavs av polis_editor" in html
    assert "part tillfrågad av" not in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url).content.decode()
    assert "Lokalpolisområde Kalmar has agreed to be a party" in html
    assert "a party asked by" not in html


def test_a_named_organisation_stands_for_annan_part(superuser, kalmar):
    housing = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Bostadsbolagen i Kalmar"
    )
    promise = promise_create(
        actor=superuser,
        fields=PromiseFields(title="Trygg hamn", parties=[kalmar]),
        focus_areas=[],
        commitments=[
            CommitmentRow(
                text="Belysning vid hamnen.",
                responsible=["polis", "kommun", "annan"],
                other_parties=[housing],
            ),
            CommitmentRow(text="Städdagar.", responsible=["kommun", "annan"]),
        ],
        signatories=[],
    )
    named, unnamed = Commitment.objects.filter(promise=promise).order_by("position")
    assert named.responsible_names() == [
        "Polisen",
        "Kommunen",
        "Bostadsbolagen i Kalmar",
    ]
    assert unnamed.responsible_names() == ["Kommunen", "Annan part"]
