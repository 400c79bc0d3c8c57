"""Dialogues: counts by group (no names), findings tagged with theme and place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.situation.models import Dialogue
from medborgarloften.situation.services import dialogue_create


@pytest.mark.django_db
def test_it_records_a_walk_with_findings_linked_to_named_areas(kalmar, areas):
    dialogue = dialogue_create(
        kommun=kalmar,
        kind="trygghetsvandring",
        held_on=dt.date(2025, 10, 14),
        area=areas["Oxhagen"],
        participants={"boende": 14, "polis": 2, "bostadsbolag": 3},
        findings=[
            {
                "theme": "trygghet_offentlig_miljo",
                "place": "norrliden",
                "text": "Mörk gångväg.",
            },
            {"theme": "skadegorelse", "place": "Lekplatsen", "text": "Trasiga lampor."},
        ],
    )
    assert dialogue.participant_total == 19
    first, second = dialogue.findings.all()
    assert first.area == areas["Norrliden"]  # the place names an area
    assert second.area == areas["Oxhagen"]  # else the dialogue's own area


@pytest.mark.django_db
def test_it_names_each_problem_and_saves_nothing(kalmar, nybro):
    from medborgarloften.places.models import Area

    elsewhere = Area.objects.create(kommun=nybro, name="Centrum")
    with pytest.raises(ValidationError) as excinfo:
        dialogue_create(
            kommun=kalmar,
            kind="fika",
            held_on=dt.date(2999, 1, 1),
            area=elsewhere,
            participants={"boende": -1},
            findings=[{"theme": "ufo", "text": ""}],
        )
    errors = excinfo.value.message_dict
    assert set(errors) == {"kind", "held_on", "area", "participants", "findings"}
    assert errors["findings"] == [
        "Iakttagelse 1: okänt tema 'ufo'.",
        "Iakttagelse 1: texten saknas.",
    ]
    assert not Dialogue.objects.exists()


def _management(total: int) -> dict[str, str]:
    return {
        "finding-TOTAL_FORMS": str(total),
        "finding-INITIAL_FORMS": "0",
        "finding-MIN_NUM_FORMS": "0",
        "finding-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_the_form_reads_groups_and_one_finding_per_row(client, kommun_editor, areas):
    client.force_login(kommun_editor)
    page = client.get("/personal/lagesbild/0880/dialoger/ny/").content.decode()
    # A theme list with names, not codes to type.
    assert '<option value="narkotika">Narkotika</option>' in page
    assert "tema | plats | text" not in page
    assert 'name="finding-2-text"' in page  # three rows to start with
    response = client.post(
        "/personal/lagesbild/0880/dialoger/ny/",
        {
            "kind": "medborgardialog",
            "held_on": "2025-09-02",
            "area": areas["Norrliden"].pk,
            "participants": "boende: 20\nföreningar: 4",
            **_management(3),
            "finding-0-theme": "narkotika",
            "finding-0-place": "Skolgården",
            "finding-0-text": "Langning på kvällarna",
            "finding-1-theme": "trygghet_offentlig_miljo",
            "finding-1-area": areas["Oxhagen"].pk,
            "finding-1-text": "Mörk gångväg",
        },
    )
    assert response.status_code == 302
    dialogue = Dialogue.objects.get()
    found = {f.text: (f.theme, f.place, f.area) for f in dialogue.findings.all()}
    assert found == {
        "Langning på kvällarna": ("narkotika", "Skolgården", areas["Norrliden"]),
        "Mörk gångväg": ("trygghet_offentlig_miljo", "", areas["Oxhagen"]),
    }
    page = client.get("/personal/lagesbild/0880/dialoger/").content.decode()
    assert "24 deltagare" in page and "Langning på kvällarna" in page


@pytest.mark.django_db
def test_the_form_names_the_finding_that_lacks_a_text(client, kommun_editor):
    client.force_login(kommun_editor)
    bad = client.post(
        "/personal/lagesbild/0880/dialoger/ny/",
        {
            "kind": "medborgardialog",
            "held_on": "2025-09-02",
            **_management(3),
            "finding-1-theme": "narkotika",
        },
    )
    assert bad.status_code == 200
    assert "Iakttagelse 2: " in bad.content.decode()
    assert not Dialogue.objects.exists()


@pytest.mark.django_db
def test_more_findings_keeps_what_was_written_and_adds_rows(client, kommun_editor):
    client.force_login(kommun_editor)
    page = client.post(
        "/personal/lagesbild/0880/dialoger/ny/",
        {
            "kind": "medborgardialog",
            "held_on": "2025-09-02",
            **_management(3),
            "finding-0-theme": "narkotika",
            "finding-0-text": "Langning",
            "more": "1",
        },
    ).content.decode()
    assert "Langning</textarea>" in page
    assert 'name="finding-3-text"' in page  # one kept + three new rows
    assert "Något behöver rättas" not in page
    assert not Dialogue.objects.exists()


@pytest.mark.django_db
def test_only_editors_record_dialogues(client, kommun_reporter, kalmar):
    client.force_login(kommun_reporter)
    assert client.get("/personal/lagesbild/0880/dialoger/ny/").status_code == 403
    assert client.get("/personal/lagesbild/0880/dialoger/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", ["²", "٣", "1" * 30, "-2", "3.5"])
def test_participant_counts_must_be_plain_numbers(client, kommun_editor, areas, count):
    client.force_login(kommun_editor)
    response = client.post(
        "/personal/lagesbild/0880/dialoger/ny/",
        {
            "kind": "medborgardialog",
            "held_on": "2025-09-02",
            "area": areas["Norrliden"].pk,
            "participants": f"boende: {count}",
            "findings": "narkotika | Skolgården | Langning på kvällarna",
        },
    )
    assert response.status_code == 200
    assert "Deltagare, rad 1" in response.content.decode()
    assert not Dialogue.objects.exists()


def _saved(kalmar, areas):
    return dialogue_create(
        kommun=kalmar,
        kind="trygghetsvandring",
        held_on=dt.date(2025, 9, 2),
        participants={"boende": 8},
        findings=[
            {"theme": "narkotika", "text": "Langning", "area": areas["Oxhagen"]},
            {"theme": "trygghet_offentlig_miljo", "text": "Mörk gångväg"},
        ],
    )


@pytest.mark.django_db
def test_an_editor_changes_a_saved_dialogue_and_its_findings(
    client, kommun_editor, kalmar, areas
):
    dialogue = _saved(kalmar, areas)
    first = dialogue.findings.order_by("id").first()
    client.force_login(kommun_editor)
    url = f"/personal/lagesbild/0880/dialoger/{dialogue.pk}/"
    page = client.get(url).content.decode()
    assert "Langning" in page and "boende: 8" in page
    listing = client.get("/personal/lagesbild/0880/dialoger/").content.decode()
    assert "(Oxhagen)" in listing  # the finding's area is shown
    response = client.post(
        url,
        {
            "kind": "trygghetsvandring",
            "held_on": "2025-09-03",
            "participants": "boende: 9",
            **_management(2),
            "finding-0-theme": "narkotika",
            "finding-0-area": areas["Norrliden"].pk,
            "finding-0-text": "Langning vid skolan",
        },
    )
    assert response.status_code == 302
    dialogue.refresh_from_db()
    assert dialogue.held_on == dt.date(2025, 9, 3)
    assert dialogue.participants == {"boende": 9}
    findings = list(dialogue.findings.all())
    assert [(f.pk, f.text, f.area) for f in findings] == [
        (first.pk, "Langning vid skolan", areas["Norrliden"])
    ]


@pytest.mark.django_db
def test_deleting_asks_first_and_only_editors_may(
    client, kommun_editor, kommun_reporter, kalmar, areas
):
    dialogue = _saved(kalmar, areas)
    url = f"/personal/lagesbild/0880/dialoger/{dialogue.pk}/ta-bort/"
    client.force_login(kommun_reporter)
    assert client.post(url).status_code == 403
    client.force_login(kommun_editor)
    assert "Ta bort dialogen?" in client.get(url).content.decode()
    assert Dialogue.objects.filter(pk=dialogue.pk).exists()
    assert client.post(url).status_code == 302
    assert not Dialogue.objects.exists()
