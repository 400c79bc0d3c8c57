"""The coordinator's set-up of a kommun's cases: routing rules (theme and area →
owner and days to answer) and answer templates. Writes only; each checks that the
actor coordinates the kommun, validates everything first (errors name the field)
and saves in one transaction. The reads are in ``selectors``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.lib.fields import length_message, limit
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.vocabulary import THEMES

from .models import AnswerTemplate, RoutingRule
from .permissions import require_coordinator

DAYS_MAX = 365
#: The messages the forms give for the same problems, in the same words.
OWNER_MISSING = gettext_lazy("Välj vem som ska få ärendena.")
DAYS_MESSAGE = lazy(
    lambda: (
        _("Ange hur många dagar ansvarig har på sig att svara, 1–%(max)d.")
        % {"max": DAYS_MAX}
    ),
    str,
)()
TEMPLATE_TITLE_MISSING = gettext_lazy("Skriv en rubrik.")
TEMPLATE_TEXT_MISSING = gettext_lazy("Skriv mallens text.")


def _owner_error(kommun: Organisation, owner: Organisation | None) -> str:
    if owner is None:
        return str(OWNER_MISSING)
    if owner.kind == OrganisationKind.KOMMUN and owner.pk != kommun.pk:
        return _("En annan kommun kan inte ta emot %(k)s ärenden.") % {"k": kommun}
    return ""


@transaction.atomic
def routing_rule_save(
    *,
    actor: Any,
    kommun: Organisation,
    theme: str,
    area: Area | None,
    owner: Organisation | None,
    days: int | None,
    rule: RoutingRule | None = None,
) -> RoutingRule:
    """Create (or change ``rule``) a routing rule of the kommun: one rule per theme
    and area, an area of the kommun, an owner that is not another kommun, 1–365
    days to answer. Cases already routed keep their owner."""
    require_coordinator(actor, kommun.pk)
    if rule is not None and rule.kommun_id != kommun.pk:
        raise ValidationError(_("Regeln hör till en annan kommun."))
    errors: dict[str, list[str]] = {}
    if theme and theme not in THEMES:
        errors["theme"] = [_("Välj ett av temana i listan.")]
    if area is not None and area.kommun_id != kommun.pk:
        errors["area"] = [_("Området ligger inte i %(k)s.") % {"k": kommun}]
    if message := _owner_error(kommun, owner):
        errors["owner"] = [message]
    if days is None or not 1 <= days <= DAYS_MAX:
        errors["days"] = [str(DAYS_MESSAGE)]
    same = RoutingRule.objects.filter(kommun=kommun, theme=theme, area=area)
    if rule is not None:
        same = same.exclude(pk=rule.pk)
    if not errors and same.exists():
        errors["__all__"] = [
            _(
                "Det finns redan en regel för det temat och området. Ändra den "
                "i stället."
            )
        ]
    if errors:
        raise ValidationError(errors)
    assert owner is not None and days is not None  # checked above
    rule = rule or RoutingRule(kommun=kommun)
    rule.theme, rule.area, rule.owner, rule.days = theme, area, owner, days
    rule.save()
    return rule


@transaction.atomic
def routing_rule_delete(*, actor: Any, rule: RoutingRule) -> None:
    """Remove a rule; cases already routed by it keep their owner and due date."""
    require_coordinator(actor, rule.kommun_id)
    rule.delete()


def _template_errors(
    kommun: Organisation, organisation: Organisation | None, title: str, text: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if organisation is not None and (message := _owner_error(kommun, organisation)):
        errors["organisation"] = [message]
    for name, value, empty in (
        ("title", title, str(TEMPLATE_TITLE_MISSING)),
        ("text", text, str(TEMPLATE_TEXT_MISSING)),
    ):
        if not value:
            errors[name] = [empty]
        elif len(value) > (most := limit(AnswerTemplate, name)):
            errors[name] = [length_message("", most, len(value))]
    return errors


@transaction.atomic
def answer_template_save(
    *,
    actor: Any,
    kommun: Organisation,
    organisation: Organisation | None,
    title: str,
    text: str,
    template: AnswerTemplate | None = None,
) -> AnswerTemplate:
    """Create (or change ``template``) an answer template for the kommun's cases,
    for one owner or (None) every owner."""
    require_coordinator(actor, kommun.pk)
    if template is not None and template.kommun_id != kommun.pk:
        raise ValidationError(_("Mallen hör till en annan kommun."))
    title, text = " ".join(title.split()), text.strip()
    errors = _template_errors(kommun, organisation, title, text)
    if errors:
        raise ValidationError(errors)
    template = template or AnswerTemplate(kommun=kommun)
    template.organisation, template.title, template.text = organisation, title, text
    template.save()
    return template


@transaction.atomic
def answer_template_delete(*, actor: Any, template: AnswerTemplate) -> None:
    """Remove a template of the kommun (answers written from it stay)."""
    if template.kommun_id is None:
        raise ValidationError(_("Den här mallen ändras bara i administrationen."))
    require_coordinator(actor, template.kommun_id)
    template.delete()
