"""Writes to kommuner, police units and other parties, with their audit trail."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.errors import FieldErrors

from ..lookup import fold
from ..models import (
    POLICE_KINDS,
    County,
    Organisation,
    OrganisationEvent,
    OrganisationKind,
)
from ..permissions import (
    can_change_reference_fields,
    can_create_organisation,
    can_edit_organisation,
    can_grant_access_to,
)
from ._common import _check_version, _raise

# --- organisations --------------------------------------------------------------------

# Keyed by str: a kind arrives as the form's string (TextChoices compare equal).
_PARENT_KIND: dict[str, OrganisationKind] = {
    OrganisationKind.LOKALPOLISOMRADE: OrganisationKind.POLISOMRADE,
    OrganisationKind.POLISOMRADE: OrganisationKind.POLISREGION,
}


def _organisation_errors(
    *,
    instance: Organisation | None,
    kind: str,
    name: str,
    code: str,
    parent: Organisation | None,
    serves: list[Organisation],
) -> dict[str, list[str]]:
    errors = FieldErrors()
    add = errors.add

    if kind not in OrganisationKind.values:
        add("kind", _("Typ: okänd typ av organisation %(kind)r.") % {"kind": kind})
        return errors
    label = OrganisationKind(kind).label
    if not name:
        add("name", _("Namn: skriv organisationens namn."))
    else:
        # Compared in Python: iexact ignores the case of å, ä, ö only on PostgreSQL.
        same = [
            o
            for o in Organisation.objects.filter(kind=kind).only("name")
            if fold(o.name) == fold(name) and (instance is None or o.pk != instance.pk)
        ]
        if same:
            add(
                "name",
                _(
                    "Namn: det finns redan en organisation av typen %(kind)s som heter %(name)s."
                )
                % {"kind": label.lower(), "name": name},
            )
    if kind == OrganisationKind.KOMMUN and not re.fullmatch(r"\d{4}", code):
        add("code", _("Kod: en kommunkod har fyra siffror, t.ex. 0880."))
    if code:
        clash = Organisation.objects.filter(kind=kind, code=code)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            add(
                "code",
                _("Kod: koden %(code)s används redan av %(other)s.")
                % {"code": code, "other": clash.first()},
            )
    if parent is not None:
        wanted = _PARENT_KIND.get(kind)
        if wanted is None:
            add(
                "parent",
                _(
                    "Ingår i: bara lokalpolisområden och polisområden ingår i en "
                    "överordnad polisenhet."
                ),
            )
        elif parent.kind != wanted:
            add(
                "parent",
                _("Ingår i: %(kind)s ska ingå i ett %(wanted)s, inte i %(parent)s.")
                % {
                    "kind": label,
                    "wanted": OrganisationKind(wanted).label.lower(),
                    "parent": parent,
                },
            )
        elif instance is not None and parent.pk == instance.pk:
            add("parent", _("Ingår i: en organisation kan inte ingå i sig själv."))
    if serves:
        if kind == OrganisationKind.KOMMUN:
            add("serves", _("Kommuner som betjänas: en kommun betjänar inga kommuner."))
        elif kind in (OrganisationKind.POLISOMRADE, OrganisationKind.POLISREGION):
            add(
                "serves",
                _(
                    "Kommuner som betjänas: ange kommunerna på lokalpolisområdena, "
                    "inte på %(kind)s."
                )
                % {"kind": label.lower()},
            )
        not_kommun = [o for o in serves if o.kind != OrganisationKind.KOMMUN]
        if not_kommun:
            add(
                "serves",
                _("Kommuner som betjänas: %(names)s är ingen kommun.")
                % {"names": ", ".join(str(o) for o in not_kommun)},
            )
    return errors


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    """The organisation as the audit trail keeps it: names, not ids."""
    return {
        "kind": organisation.kind,
        "name": organisation.name,
        "code": organisation.code,
        "county": organisation.county.code if organisation.county else None,
        "parent": organisation.parent.name if organisation.parent else None,
        "serves": sorted(k.code for k in organisation.serves.all()),
        "source": organisation.source,
    }


def _event(
    *,
    organisation: Organisation,
    actor: Any,
    action: str,
    summary: str,
    source: str,
    kommun: Organisation | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> OrganisationEvent:
    return OrganisationEvent.objects.create(
        organisation=organisation,
        kommun=kommun,
        actor=recorded_actor(actor),
        action=action,
        summary=summary[:500],
        source=source[:100],
        before=before,
        after=after,
    )


def _serving_change(
    org: Organisation, served: Organisation, serves: bool, actor: Any, source: str
) -> None:
    """``org`` serves ``served`` from now on (``serves``) or no longer: the link,
    ``org``'s version (a form that read it is stale) and the access record."""
    if serves:
        org.serves.add(served)
    else:
        org.serves.remove(served)
    Organisation.objects.filter(pk=org.pk).update(version=F("version") + 1)
    organisation_access_record(
        organisation=org,
        granted=[served] if serves else (),
        revoked=() if serves else [served],
        actor=actor,
        source=source,
    )


def organisation_access_record(
    *,
    organisation: Organisation,
    granted: Iterable[Organisation] = (),
    revoked: Iterable[Organisation] = (),
    actor: Any = None,
    source: str = "",
) -> None:
    """Keep who let ``organisation`` serve which kommuner, and who took it back."""
    changes = (
        (
            granted,
            OrganisationEvent.Action.ACCESS_GRANTED,
            _("%(org)s betjänar nu %(kommun)s"),
        ),
        (
            revoked,
            OrganisationEvent.Action.ACCESS_REVOKED,
            _("%(org)s betjänar inte längre %(kommun)s"),
        ),
    )
    for kommuner, action, summary in changes:
        for kommun in kommuner:
            _event(
                organisation=organisation,
                kommun=kommun,
                actor=actor,
                action=action,
                summary=summary % {"org": organisation, "kommun": kommun},
                source=source,
            )


def _grant_errors(
    actor: Any, granted: Iterable[Organisation], org_name: str
) -> list[str]:
    """Kommuner ``actor`` may not open to another organisation, as one message."""
    if actor is None:
        return []
    refused = [k for k in granted if not can_grant_access_to(actor, k)]
    if not refused:
        return []
    return [
        ngettext(
            "Kommuner som betjänas: bara en administratör för %(kommuner)s (eller en "
            "superanvändare) kan ge %(org)s tillgång till kommunen. Be kommunens "
            "administratör lägga till %(org)s under Organisationer → %(kommuner)s.",
            "Kommuner som betjänas: bara en administratör för respektive kommun "
            "(%(kommuner)s) eller en superanvändare kan ge %(org)s tillgång till dem. "
            "Be kommunernas administratörer lägga till %(org)s.",
            len(refused),
        )
        % {"kommuner": ", ".join(str(k) for k in refused), "org": org_name}
    ]


class OrganisationFields(TypedDict):
    """What ``organisation_create`` and ``organisation_update`` set on a party."""

    name: str
    code: NotRequired[str]
    county: NotRequired[County | None]
    parent: NotRequired[Organisation | None]
    serves: NotRequired[Iterable[Organisation]]
    source: NotRequired[str]
    event_source: NotRequired[str]


def _organisation_save(
    organisation: Organisation,
    *,
    actor: Any,
    kind: str,
    name: str,
    code: str = "",
    county: County | None = None,
    parent: Organisation | None = None,
    serves: Iterable[Organisation] = (),
    source: str = "",
    served_by: Iterable[Organisation] | None = None,
    event_source: str = "webb",
) -> Organisation:
    name, code, source = name.strip(), code.strip(), source.strip()
    serves = list(dict.fromkeys(serves))
    creating = organisation.pk is None
    errors = _organisation_errors(
        instance=None if creating else organisation,
        kind=kind,
        name=name,
        code=code,
        parent=parent,
        serves=serves,
    )
    old_serves = set() if creating else set(organisation.serves.all())
    granted = [k for k in serves if k not in old_serves]
    revoked = sorted(old_serves - set(serves), key=lambda k: k.code)
    for message in _grant_errors(actor, granted, name or str(organisation)):
        errors.setdefault("serves", []).append(message)
    if (
        actor is not None
        and not creating
        and not can_change_reference_fields(actor, organisation)
    ):
        changed = [
            label
            for label, old, new in (
                (_("namn"), organisation.name, name),
                (_("kommunkod"), organisation.code, code),
                (_("län"), organisation.county_id, county.pk if county else None),
                (_("källa"), organisation.source, source),
            )
            if old != new
        ]
        if changed:
            errors.setdefault("__all__", []).append(
                _(
                    "En kommuns %(fields)s kommer från referensdata (SCB) och ändras "
                    "med loadref eller av en superanvändare, inte här."
                )
                % {"fields": ", ".join(changed)}
            )
    new_served_by: list[Organisation] | None = None
    if served_by is not None:
        new_served_by = list(dict.fromkeys(served_by))
        if kind != OrganisationKind.KOMMUN:
            errors.setdefault("served_by", []).append(
                _("Organisationer som arbetar för kommunen: bara för kommuner.")
            )
        elif any(o.kind == OrganisationKind.KOMMUN for o in new_served_by):
            errors.setdefault("served_by", []).append(
                _(
                    "Organisationer som arbetar för kommunen: en kommun kan inte betjäna en annan kommun."
                )
            )
    _raise(errors)
    before = None if creating else _snapshot(organisation)
    organisation.kind = kind
    organisation.name = name
    organisation.code = code
    organisation.county = county
    organisation.parent = parent
    organisation.source = source
    if not creating:
        organisation.version += 1
    organisation.full_clean()
    organisation.save()
    organisation.serves.set(serves)
    organisation_access_record(
        organisation=organisation,
        granted=granted,
        revoked=revoked,
        actor=actor,
        source=event_source,
    )
    if new_served_by is not None:
        old = set(organisation.served_by.all())
        for org in new_served_by:
            if org not in old:
                _serving_change(org, organisation, True, actor, event_source)
        for org in sorted(old - set(new_served_by), key=lambda o: o.name):
            _serving_change(org, organisation, False, actor, event_source)
    after = _snapshot(organisation)
    if creating or after != before:
        _event(
            organisation=organisation,
            actor=actor,
            action=OrganisationEvent.Action.CREATED
            if creating
            else OrganisationEvent.Action.UPDATED,
            summary=(_("Skapad: %(name)s") if creating else _("Ändrad: %(name)s"))
            % {"name": organisation},
            source=event_source,
            before=before,
            after=after,
        )
    return organisation


@transaction.atomic
def organisation_create(
    *, kind: str, actor: Any = None, **fields: Unpack[OrganisationFields]
) -> Organisation:
    """Create a party with a unique name for its kind and a parent that fits the police
    tree, if ``actor`` may (places.permissions; None is the operator: CLI, loadref).
    Each kommun it serves is a grant that needs the kommun's admin; all is audited.
    ``event_source`` names where the change came from in the audit trail (``webb``)."""
    if actor is not None and not can_create_organisation(actor, kind):
        raise PermissionDenied(_create_refusal(kind))
    return _organisation_save(Organisation(), actor=actor, kind=kind, **fields)


def _create_refusal(kind: str) -> str:
    if kind == OrganisationKind.KOMMUN:
        return _(
            "Kommuner kommer från referensdata (SCB) och läggs till med loadref, "
            "inte här."
        )
    if kind in POLICE_KINDS:
        return _(
            "Polisens enheter läggs till av administratörer hos polisen eller av en "
            "superanvändare."
        )
    return _("Bara administratörer kan lägga till organisationer.")


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    kind: str | None = None,
    served_by: Iterable[Organisation] | None = None,
    actor: Any = None,
    expected_version: int | None = None,
    **fields: Unpack[OrganisationFields],
) -> Organisation:
    """Change a party under the same rules as ``organisation_create``; kind is kept
    unless given. ``actor`` must be an admin of the organisation (or a superuser); a
    kommun's name, code and län stay as the reference data has them. ``served_by``
    (kommuner only) replaces the organisations that serve it. With
    ``expected_version`` a change somebody else saved in between is refused."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if actor is not None and not can_edit_organisation(actor, organisation):
        raise PermissionDenied(
            _("Du kan bara ändra organisationer där du själv är administratör.")
        )
    _check_version(organisation, expected_version)
    return _organisation_save(
        organisation,
        actor=actor,
        kind=kind or organisation.kind,
        served_by=served_by,
        **fields,
    )
