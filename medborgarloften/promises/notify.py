"""Telling the other parties when an agreed promise changes.

A medborgarlöfte is adopted by the kommun and the police together; after that one
party's editor can still change it (a target, a deadline, who does what). The change
is in the promise's history, but the other parties did not know of it: the
new-user session changed the police's commitment from 40 to 20 patrols as the
kommun's coordinator, and nobody at the police heard. So every change to an adopted,
published or closed promise is mailed, once it is saved, to the admins and editors of
each party the person who made it does not belong to, with what changed and a link
to the history.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from medborgarloften.accounts.models import EDITING_ROLES, Membership
from medborgarloften.lib.siteurl import absolute_url

from .models import Promise, PromiseStatus, Revision

#: Statuses in which the parties have agreed the promise's wording.
AGREED = (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED, PromiseStatus.CLOSED)


def editor_addresses(organisations: Any) -> list[str]:
    """The admins' and editors' e-mail addresses in ``organisations``."""
    return sorted(
        {
            address
            for address in Membership.objects.filter(
                organisation__in=organisations, role__in=EDITING_ROLES
            ).values_list("user__email", flat=True)
            if address
        }
    )


def other_parties(promise: Promise, actor: Any) -> list[Any]:
    """The promise's parties the actor is no member of (every party for an actor
    without memberships, such as an administrator of the installation)."""
    own = set()
    if actor is not None and getattr(actor, "pk", None):
        own = set(
            Membership.objects.filter(user=actor).values_list("organisation", flat=True)
        )
    return [party for party in promise.parties.all() if party.pk not in own]


def agreed_change_notify(*, revision_id: int) -> list[str]:
    """Mail the change ``revision_id`` records to the other parties' editors, when
    the promise was agreed; returns the addresses written to."""
    revision = Revision.objects.select_related("promise", "actor").get(pk=revision_id)
    promise = revision.promise
    if revision.action != Revision.Action.UPDATED or promise.status not in AGREED:
        return []
    to = editor_addresses(other_parties(promise, revision.actor))
    if not to:
        return []
    who = (
        revision.actor.get_full_name() or revision.actor.get_username()
        if revision.actor
        else _("någon")
    )
    link = absolute_url(reverse("promises:history", args=[promise.pk]))
    with override(settings.LANGUAGE_CODE):  # staff mail is written in Swedish
        subject = _("Medborgarlöften: %(title)s har ändrats") % {"title": promise.title}
        body = "\n\n".join(
            [
                _(
                    "%(who)s har ändrat medborgarlöftet %(title)s, som parterna redan "
                    "har antagit (status: %(status)s)."
                )
                % {
                    "who": who,
                    "title": promise.title,
                    "status": promise.get_status_display().lower(),
                },
                revision.summary,
                _("Se vad som ändrades och av vem: %(link)s") % {"link": link},
                _(
                    "Ni får det här meddelandet eftersom ni är part i löftet. Hör av er "
                    "till den som ändrade om ni inte är överens."
                ),
            ]
        )
    send_mail(
        subject=subject,
        message=body,
        from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
        recipient_list=to,
    )
    return to
