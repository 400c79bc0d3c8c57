"""What loading reports: the record errors, and each record's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from ...models import Promise


class RecordError(ValidationError):
    """A record that cannot be loaded: where (file, record index, field) and why."""

    def __init__(
        self,
        path: str,
        message: str,
        *,
        file: str = "",
        index: int | None = None,
        code: str | None = None,
    ) -> None:
        self.path = path
        self.detail = message
        self.file = file
        self.index = index
        super().__init__({path or "record": [ValidationError(message, code=code)]})
        #: The writer's code for the problem, when it has one (``NOT_OWN_PARTY``).
        self.code = code

    def located(self, *, file: str, index: int) -> RecordError:
        return RecordError(
            self.path, self.detail, file=file, index=index, code=self.code
        )

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.index is not None:
            where.append(f"post/record {self.index}")
        if self.path:
            where.append(self.path)
        return f"{', '.join(where)}: {self.detail}" if where else self.detail


@dataclass
class LoadResult:
    """What loading one record did."""

    promise: Promise
    created: bool
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RecordInput:
    """One record to load, with where it came from (for messages and the Revision)."""

    record: Any
    source: str
    file: str = ""
    index: int = 0


@dataclass
class LoadSummary:
    """What a load did, record by record; ``dry_run`` means it was rolled back."""

    results: list[LoadResult] = field(default_factory=list)
    dry_run: bool = False

    @property
    def created(self) -> int:
        return sum(1 for r in self.results if r.created)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.results if not r.created)
