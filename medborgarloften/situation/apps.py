import datetime as dt
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from medborgarloften.promises.signals import promise_adopted


def _reinstall_count_triggers(sender: AppConfig, using: str, **kwargs: object) -> None:
    """SQLite rebuilds a table to alter it, and the triggers go with the old table:
    put them back after every migrate (they are replaced, never doubled)."""
    from django.db import connections

    from . import counts

    connection = connections[using]
    tables = connection.introspection.table_names()
    if counts.OBS_COUNT in tables and counts.EVENT_COUNT in tables:
        counts.install_triggers(connection)


def _freeze_baseline(
    sender: object, promise: Any, on: dt.date | None, **kwargs: object
) -> None:
    """Adoption freezes the lägesbild behind the focus areas (promises.signals)."""
    from .services import baseline_freeze  # apps are not loaded when apps.py is

    baseline_freeze(promise=promise, on=on)


class SituationConfig(AppConfig):
    name = "medborgarloften.situation"
    label = "situation"
    verbose_name = _("Lägesbild")

    def ready(self) -> None:
        post_migrate.connect(_reinstall_count_triggers, sender=self)
        promise_adopted.connect(_freeze_baseline, dispatch_uid="situation-baseline")
        # Police-event polling as a periodic background job (polling.py).
        from . import lagesbild_pdf, polling

        polling.register()
        lagesbild_pdf.register()
