"""The lägesbild as a Word document, from the same context as the analysis page, so
the figures (and their suppression) cannot drift apart. The map stays in the HTML
document: Word cannot show inline SVG everywhere, so the map's values go in a table."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from medborgarloften.lib.text import clean_text
from medborgarloften.lib.wordfile import add_data_table, new_document

from .templatetags.situation_tags import figure, number


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    add_data_table(document, header, rows)


def _area_crime(document: Any, crime: Any) -> None:
    """Crime per area in the chosen category and year, the kommun's row first."""
    if not crime.rows:
        return
    document.add_heading(
        _("Anmälda brott per område: %(category)s, %(year)s")
        % {"category": crime.category, "year": crime.year},
        level=1,
    )
    _table(
        document,
        [_("Område"), _("Antal"), _("Per 100 000")],
        [
            [
                _("Hela kommunen"),
                number(crime.kommun_count),
                number(crime.kommun_rate, 1),
            ],
            *[
                [row.area.name, number(row.count), number(row.rate, 1)]
                for row in crime.rows
            ],
        ],
    )
    if crime.sources:
        document.add_paragraph(_("Källa") + ": " + "; ".join(crime.sources))


def lagesbild_docx(context: dict[str, Any]) -> bytes:
    """A DOCX with the priorities, areas, map values, groups, themes and statistics."""
    kommun, period = context["kommun"], context["period"]
    title = _("Lägesbild %(kommun)s, %(period)s") % {
        "kommun": kommun,
        "period": period.label,
    }
    document = new_document(title=title, authors=[str(kommun)])
    document.add_heading(document.core_properties.title, level=0)
    document.add_paragraph(
        _("Sammanställd %(when)s.") % {"when": f"{context['generated']:%Y-%m-%d %H:%M}"}
    )
    document.add_heading(_("Föreslagna prioriteringar"), level=1)
    for item in context["priorities"]:
        document.add_heading(clean_text(item.title), level=2)
        for line in item.evidence:
            document.add_paragraph(clean_text(line), style="List Bullet")
    if not context["priorities"]:
        document.add_paragraph(_("Underlaget räcker inte för några förslag ännu."))
    comparison = context["comparison"]
    document.add_heading(_("Områden"), level=1)
    header = [_("Område"), _("Rapporter"), _("Föregående")]
    header += [str(label) for _code, label in comparison.indicators]
    rows = [
        [
            row.area.name,
            figure(row.reports),
            figure(row.previous),
            *[figure(row.survey.get(code), 1) for code, _l in comparison.indicators],
        ]
        for row in comparison.rows
    ]
    _table(document, header, rows)
    map_data = context["map"]
    document.add_heading(
        _("Kartans värden: %(label)s") % {"label": map_data.indicator_label}, level=1
    )
    _table(
        document,
        [_("Område"), str(map_data.indicator_label)],
        [[shape.area.name, shape.label] for shape in map_data.shapes],
    )
    if context["groups"]:
        document.add_heading(_("Kön och ålder"), level=1)
        _table(
            document,
            [_("Indikator"), _("Kön"), _("Ålder"), _("Andel (%)")],
            [
                [g.label, g.gender, g.age_group, figure(g.figure, 1)]
                for g in context["groups"]
            ],
        )
    series = context["series"]
    if series.rows:
        document.add_heading(_("Teman över tid"), level=1)
        _table(
            document,
            [_("Tema"), *context["series_labels"], _("Totalt"), _("Per 100 000")],
            [
                [
                    row["label"],
                    *[figure(c) for c in row["cells"]],
                    figure(row["total"]),
                    number(row["rate"], 1),
                ]
                for row in series.rows
            ],
        )
    _area_crime(document, context["area_crime"])
    for key, heading, first in (
        ("crime_table", _("Anmälda brott per år, hela kommunen"), _("Kategori")),
        ("survey_table", _("Trygghetsmätningen per år, hela kommunen"), _("Indikator")),
    ):
        table = context["trends"][key]
        if table["rows"]:
            document.add_heading(heading, level=1)
            _table(
                document,
                [first, *[str(y) for y in table["years"]]],
                [[r["label"], *r["cells"]] for r in table["rows"]],
            )
    if context["key_figures"]:
        document.add_heading(_("Nyckeltal (Källa: Kolada)"), level=1)
        _table(
            document,
            [
                _("Nyckeltal"),
                _("År"),
                str(kommun),
                _("Länet"),
                _("Riket"),
                _("Liknande kommuner"),
            ],
            [
                [
                    r["label"],
                    str(r["year"]),
                    number(r["kommun"], 1),
                    number(r["region"], 1),
                    number(r["riket"], 1),
                    number(r["similar"], 1),
                ]
                for r in context["key_figures"]
            ],
        )
        if context["similar_kommuner"]:
            document.add_paragraph(
                _(
                    "Liknande kommuner: medelvärdet (ovägt) för de kommuner som ligger "
                    "närmast i folkmängd (SCB): %(names)s."
                )
                % {"names": ", ".join(context["similar_kommuner"])}
            )
    document.add_paragraph(
        _("Grupper med färre än %(n)d svarande eller rapporter visas inte som siffror.")
        % {"n": context["min_group"]}
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
