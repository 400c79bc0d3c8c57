"""The links of a row that belongs to a promise or to a commitment: required, and
the row goes when the promise or commitment does (``lib.modelparts.belongs_to``)."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.modelparts import belongs_to

#: The promise (medborgarlöfte) a row belongs to: ``promise_link("evaluations")``.
promise_link = partial(belongs_to, "promises.Promise", _("medborgarlöfte"))

#: The commitment (åtagande) a row belongs to: ``commitment_link("activities")``.
commitment_link = partial(belongs_to, "promises.Commitment", _("åtagande"))
