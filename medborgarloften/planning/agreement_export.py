"""A samverkansöverenskommelse as a document for a KS/KF-ärende, in the layout of
the lägesbild and the åtgärdsplan (``export``): the ärende block, the parties and
the period, the agreed text, and the åtgärder of åtgärdsplaner it implements."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from medborgarloften.lib.pdf import html_to_pdf
from medborgarloften.lib.text import clean_text
from medborgarloften.lib.wordfile import add_data_table
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Agreement

from .export import _bytes, _start
from .models import MeasureLink


def _decision_lines(agreement: Agreement) -> list[tuple[str, str]]:
    if agreement.signed_on:
        decision = _("Undertecknad %(on)s.") % {"on": agreement.signed_on.isoformat()}
    else:
        decision = _(
            "Förslag till beslut: %(body)s godkänner samverkansöverenskommelsen."
        ) % {"body": agreement.decision_body or _("kommunstyrelsen")}
    return [
        (_("Beslutande organ"), agreement.decision_body or "–"),
        (_("Diarienummer"), agreement.diarienummer or "–"),
        (_("Beslut"), decision),
    ]


def _period(agreement: Agreement) -> str:
    start = agreement.period_start.isoformat() if agreement.period_start else "…"
    end = agreement.period_end.isoformat() if agreement.period_end else "…"
    return f"{start} – {end}"


def agreement_context(agreement: Agreement, kommun: Organisation) -> dict[str, Any]:
    links = MeasureLink.objects.filter(agreement=agreement).select_related(
        "measure__plan"
    )
    return {
        "document": agreement,
        "kommun": kommun,
        "decision": _decision_lines(agreement),
        "parties": [str(p) for p in agreement.parties.order_by("name")],
        "period": _period(agreement),
        "measures": [(link.measure.plan.title, str(link.measure)) for link in links],
    }


def agreement_pdf(
    agreement: Agreement, kommun: Organisation, *, base_url: str = ""
) -> bytes:
    html = render_to_string(
        "planning/document_agreement.html", agreement_context(agreement, kommun)
    )
    return html_to_pdf(html, base_url=base_url)


def agreement_docx(agreement: Agreement, kommun: Organisation) -> bytes:
    context = agreement_context(agreement, kommun)
    document = _start(agreement.title, kommun, context["decision"])
    document.add_heading(_("Parter och period"), level=1)
    add_data_table(
        document,
        [_("Uppgift"), _("Värde")],
        [
            [_("Parter"), "; ".join(context["parties"])],
            [_("Gäller"), context["period"]],
        ],
    )
    document.add_heading(_("Överenskommelsen"), level=1)
    for paragraph in (agreement.text or "–").split("\n\n"):
        document.add_paragraph(clean_text(paragraph))
    document.add_heading(_("Åtgärder som överenskommelsen genomför"), level=1)
    if context["measures"]:
        add_data_table(
            document,
            [_("Åtgärdsplan"), _("Åtgärd")],
            [list(m) for m in context["measures"]],
        )
    else:
        document.add_paragraph(_("Inte kopplad till någon åtgärd i en åtgärdsplan."))
    return _bytes(document)
