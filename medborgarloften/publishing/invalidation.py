"""Which cached pages a write changes (the scopes of ``pagecache.py``).

Every save, delete and many-to-many change of a model the public site reads (the
``places``, ``promises`` and ``followup`` apps) sends signals; before its statements
run, the receivers here work out what it changes and replace those versions only:

- a promise, or anything reached from one (a commitment, an activity, an assessment,
  a report and its entries, a focus area, a signatory, a revision…): the promise's own
  pages (``promise:<uid>``), the pages of every kommun that is a party to it
  (``kommun:<code>``), and the national lists (``national``) when the promise is or
  was public — a draft's changes show nowhere but on its own pages;
- for a change, the row as it was too (an activity moved to another commitment
  changes the old promise's pages as well as the new one's);
- an activity (or a planned one) in an area: also that area's kommun's pages;
- an area: its kommun's pages, the pages of every promise that names it, and the
  national lists (search and the API show area names);
- anything else (an organisation, a county, a recurring event…): every page (the
  global version), as before scoped invalidation: such writes are rare.

Writes no signal reports — ``QuerySet.update``, ``bulk_create``, raw SQL, a
migration — are caught by the SQL watcher in ``pagewrites.py`` and replace the global
version, so nothing goes stale, only less stays cached.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from . import pagecache, pagewrites
from .pagecache import NATIONAL, kommun_scope, promise_scope

logger = logging.getLogger(__name__)

#: Foreign keys followed from a row to the promise it belongs to, in order.
_TO_PROMISE = ("promise", "commitment", "report", "focus_area")


def _promise_of(obj: Any, depth: int = 0) -> Any | None:
    from medborgarloften.promises.models import Promise

    if isinstance(obj, Promise):
        return obj
    if depth > 3:
        return None
    for name in _TO_PROMISE:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.ForeignKey | models.OneToOneField):
            continue
        if getattr(obj, field.attname) is None:
            continue
        try:
            related = getattr(obj, name)
        except models.ObjectDoesNotExist:
            continue
        found = _promise_of(related, depth + 1)
        if found is not None:
            return found
    return None


def _promise_scopes(promise: Any, *, public: bool | None = None) -> set[str]:
    from medborgarloften.places.models import Organisation
    from medborgarloften.promises.models import PUBLIC_STATUSES

    scopes = {promise_scope(promise.uid)}
    if promise.pk is not None:
        codes = Organisation.objects.filter(promises=promise.pk).values_list(
            "code", flat=True
        )
        scopes |= {kommun_scope(code) for code in codes if code}
    if promise.reference_for_id is not None:
        code = (
            Organisation.objects.filter(pk=promise.reference_for_id)
            .values_list("code", flat=True)
            .first()
        )
        if code:
            scopes.add(kommun_scope(code))
    if public is None:
        public = promise.status in PUBLIC_STATUSES and promise.reference_for_id is None
    if public:
        scopes.add(NATIONAL)
    return scopes


def _coordination_scopes(obj: Any) -> set[str]:
    """A samordning meeting shows on its kommun's page (its published summary is
    linked there); nothing else of the coordination is on a cached page."""
    from medborgarloften.coordination.models import Meeting
    from medborgarloften.places.models import Organisation

    if not isinstance(obj, Meeting):
        return set()
    code = (
        Organisation.objects.filter(pk=obj.kommun_id)
        .values_list("code", flat=True)
        .first()
    )
    return {kommun_scope(code)} if code else set()


def scopes_of(obj: Any, *, related: bool = False) -> set[str] | None:
    """The scopes whose pages show ``obj``; None: no scope describes it (every page).
    ``related``: ``obj`` is the other end of a many-to-many change (a party added to
    a promise changes that kommun's pages, not every page)."""
    from medborgarloften.places.models import Area, Organisation
    from medborgarloften.promises.models import PUBLIC_STATUSES, Promise

    if obj._meta.app_label == "coordination":
        return _coordination_scopes(obj)
    if isinstance(obj, Organisation):
        if related:
            return {kommun_scope(obj.code)} if obj.code else set()
        return None
    if isinstance(obj, Area):
        code = (
            Organisation.objects.filter(pk=obj.kommun_id)
            .values_list("code", flat=True)
            .first()
        )
        if not code:
            return None
        if obj.pk is None:
            return {kommun_scope(code), NATIONAL}
        # The pages of every promise that names the area show its name.
        uids = (
            Promise.objects.filter(
                Q(areas=obj.pk)
                | Q(focus_areas__areas=obj.pk)
                | Q(commitments__areas=obj.pk)
                | Q(commitments__activities__area=obj.pk)
            )
            .distinct()
            .values_list("uid", flat=True)
        )
        return {kommun_scope(code), NATIONAL} | {promise_scope(u) for u in uids}
    promise = _promise_of(obj)
    if promise is None:
        return None
    public = None
    if isinstance(obj, Promise) and obj.pk is not None and not related:
        # A status change shows in the national lists when either end is public.
        was = Promise.objects.filter(pk=obj.pk).values_list(
            "status", "reference_for_id"
        )
        was_public = any(s in PUBLIC_STATUSES and r is None for s, r in was)
        now_public = obj.status in PUBLIC_STATUSES and obj.reference_for_id is None
        public = was_public or now_public
    scopes = _promise_scopes(promise, public=public)
    area_id = getattr(obj, "area_id", None)
    if area_id is not None:
        # An activity in an area shows on that area's page, in the area's kommun.
        code = (
            Area.objects.filter(pk=area_id)
            .values_list("kommun__code", flat=True)
            .first()
        )
        if code:
            scopes.add(kommun_scope(code))
    return scopes


def _union(objs: Iterable[Any], *, related: bool = False) -> set[str] | None:
    scopes: set[str] = set()
    for obj in objs:
        found = scopes_of(obj, related=related)
        if found is None:
            return None
        scopes |= found
    return scopes


def _changed(using: str, scopes: set[str] | None) -> None:
    pagecache.public_data_changed(using, scopes)


def _before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    using = kwargs.get("using") or "default"
    try:
        objs = [instance]
        if instance.pk is not None and not instance._state.adding:
            old = sender._base_manager.using(using).filter(pk=instance.pk).first()
            if old is not None:
                objs.append(old)
        scopes = None if raw else _union(objs)
    except Exception:  # never block a save: fall back to every page
        logger.exception("page cache: cannot scope a change to %s", sender.__name__)
        scopes = None
    _changed(using, scopes)
    pagewrites.scoped_write_begin()


def _before_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    using = kwargs.get("using") or "default"
    try:
        scopes = _union([instance])
    except Exception:
        logger.exception("page cache: cannot scope a deletion of %s", sender.__name__)
        scopes = None
    _changed(using, scopes)
    pagewrites.scoped_write_begin()


def _after(sender: Any, **kwargs: Any) -> None:
    pagewrites.scoped_write_end()


def _m2m(
    sender: Any,
    instance: Any,
    action: str,
    model: Any,
    pk_set: set[Any] | None,
    using: str = "default",
    **kwargs: Any,
) -> None:
    if action.startswith("post_"):
        pagewrites.scoped_write_end()
        return
    try:
        # The instance's scopes hold what it is linked to now (a promise's parties
        # before one is removed or all are cleared); added or removed rows add theirs.
        scopes = _union([instance])
        if scopes is not None and pk_set:
            others = _union(
                model._base_manager.using(using).filter(pk__in=pk_set), related=True
            )
            scopes = None if others is None else scopes | others
    except Exception:
        logger.exception("page cache: cannot scope a change to %s", sender.__name__)
        scopes = None
    _changed(using, scopes)
    pagewrites.scoped_write_begin()


def connect(public_models: Iterable[type[models.Model]]) -> None:
    """Connect the receivers to every public model and its many-to-many tables."""
    for model in public_models:
        uid = f"pagecache-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid + "-pre-save")
        post_save.connect(_after, sender=model, dispatch_uid=uid + "-post-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid + "-pre-del")
        post_delete.connect(_after, sender=model, dispatch_uid=uid + "-post-del")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _m2m, sender=through, dispatch_uid=f"{uid}-{field.name}-m2m"
            )
