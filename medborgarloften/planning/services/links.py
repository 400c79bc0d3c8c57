"""Links from a medborgarlöfte's commitments and from samverkansöverenskommelser to
the measure of the åtgärdsplan they implement."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.promises.models import Agreement, Commitment

from ..models import Measure, MeasureLink
from ..permissions import check_edit


def commitment_link(
    *, actor: Any, measure: Measure, commitment: Commitment
) -> MeasureLink:
    """The commitment implements ``measure`` (a commitment implements one measure:
    linking it again moves the link). Its promise must have the kommun as party."""
    kommun = measure.plan.kommun
    check_edit(actor, kommun)
    if not commitment.promise.parties.filter(pk=kommun.pk).exists():
        raise ValidationError(
            {"commitment": _("Åtagandet hör till ett löfte där kommunen inte är part.")}
        )
    with transaction.atomic():
        link, _created = MeasureLink.objects.update_or_create(
            commitment=commitment, defaults={"measure": measure}
        )
    return link


def agreement_link(
    *, actor: Any, measure: Measure, agreement: Agreement
) -> MeasureLink:
    """The samverkansöverenskommelse implements ``measure``; the kommun must be a
    party to it."""
    kommun = measure.plan.kommun
    check_edit(actor, kommun)
    if not agreement.parties.filter(pk=kommun.pk).exists():
        raise ValidationError(
            {"agreement": _("Kommunen är inte part i överenskommelsen.")}
        )
    with transaction.atomic():
        link, _created = MeasureLink.objects.get_or_create(
            measure=measure, agreement=agreement
        )
    return link


def link_remove(*, actor: Any, link: MeasureLink) -> None:
    check_edit(actor, link.measure.plan.kommun)
    with transaction.atomic():
        link.delete()
