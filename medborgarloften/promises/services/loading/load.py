"""The load itself: one record, or many in one transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.places.models import (
    Organisation,
)

from ...exchange import (
    record_schema,
)
from ...models import Promise, PromiseStatus, Revision
from ..writer import promise_write
from .drafting import _draft, _record_path, _unlabelled
from .record_checks import _check_record
from .resolve import _is_uuid, _Resolver
from .results import LoadResult, LoadSummary, RecordError, RecordInput
from .schema import _unknown_keys, record_validate


def _load(
    *,
    record: Any,
    actor: Any,
    source: str,
    resolver: _Resolver,
    status: str | None,
    reference_for: Organisation | None = None,
    as_operator: bool = False,
) -> LoadResult:
    record_validate(record)
    warnings: list[str] = []
    unknown = _unknown_keys(record, record_schema()["$defs"]["record"])
    if unknown:
        warnings.append(
            "okända nycklar ignoreras / unknown keys ignored: "
            + ", ".join(sorted(unknown))
        )
    checked = _check_record(record, warnings)
    uid = _is_uuid(record["id"])
    promise = None
    if uid is not None:
        promise = Promise.objects.select_for_update().filter(uid=uid).first()
    draft = _draft(
        record=record,
        checked=checked,
        resolver=resolver,
        promise=promise,
        status=status or (record.get("status") if uid is not None else None),
        uid=uid,
        reference_for=reference_for,
        area_actor=None if as_operator else actor,
    )
    created = promise is None
    try:
        promise = promise_write(
            actor=actor,
            draft=draft,
            promise=promise,
            source=source,
            action=Revision.Action.LOADED,
            summary=("Skapat" if created else "Ersatt") + " från medborgarlöfte-JSON",
            as_operator=as_operator,
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        path, errors = next(iter(exc.error_dict.items()))
        raise RecordError(
            _record_path(path, checked),
            "; ".join(_unlabelled(m) for e in errors for m in e.messages),
            code=errors[0].code,
        ) from exc
    return LoadResult(promise=promise, created=created, warnings=warnings)


def promise_load_record(
    *,
    record: dict[str, Any],
    actor: Any = None,
    source: str,
    create_missing_police_area: bool = False,
    status: str | None = None,
    reference_for: Organisation | None = None,
    as_operator: bool = False,
) -> Promise:
    """Create or replace one promise from a record, all or nothing; raise RecordError.

    ``actor`` must be allowed to write the promise (``promise_write``), unless
    ``as_operator``: a command run on the server, naming ``actor`` for the history.

    With ``reference_for`` the promise is kept by that organisation for comparison
    (another area's promise): its parties stay as the record says, and it stays a
    draft.
    """
    with transaction.atomic():
        promise = _load(
            record=record,
            actor=actor,
            source=source,
            resolver=_Resolver(
                create_missing_police_area=create_missing_police_area, actor=actor
            ),
            status=PromiseStatus.DRAFT if reference_for is not None else status,
            reference_for=reference_for,
            as_operator=as_operator,
        ).promise
        return promise


def promises_load(
    *,
    records: Sequence[RecordInput | dict[str, Any]],
    actor: Any = None,
    source: str = "fil",
    create_missing_police_area: bool = False,
    status: str | None = None,
    dry_run: bool = False,
) -> LoadSummary:
    """Load many records in one transaction: all are stored, or (on any error) none.

    Plain dicts are loaded with ``source`` and their index; ``RecordInput`` carries the
    file each came from, for messages and the Revision.
    """
    summary = LoadSummary(dry_run=dry_run)
    inputs = [
        r
        if isinstance(r, RecordInput)
        else RecordInput(record=r, source=source, index=i)
        for i, r in enumerate(records)
    ]
    resolver = _Resolver(
        create_missing_police_area=create_missing_police_area, actor=actor
    )
    seen: dict[str, RecordInput] = {}
    with transaction.atomic():
        for item in inputs:
            try:
                if isinstance(item.record, dict) and _is_uuid(item.record.get("id")):
                    key = str(_is_uuid(item.record["id"]))
                    if key in seen:
                        first = seen[key]
                        raise RecordError(
                            "id",
                            f"samma id som {first.file} post {first.index} / "
                            "the same id appears twice",
                        )
                    seen[key] = item
                result = _load(
                    record=item.record,
                    actor=actor,
                    source=item.source,
                    resolver=resolver,
                    status=status,
                )
            except RecordError as exc:
                raise exc.located(file=item.file, index=item.index)
            except ValidationError as exc:
                raise RecordError(
                    "", "; ".join(exc.messages), file=item.file, index=item.index
                )
            summary.results.append(result)
        if dry_run:
            transaction.set_rollback(True)
    return summary
