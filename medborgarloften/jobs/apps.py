from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "medborgarloften.jobs"
    label = "jobs"
    verbose_name = _("Bakgrundsjobb")

    def ready(self) -> None:
        from . import registry, services

        registry.register_periodic(
            registry.Periodic(
                "sweep",
                every=registry.every_minutes("JOB_SWEEP_MINUTES"),
                enqueue=services.jobs_sweep,
            )
        )
        registry.register_periodic(
            registry.Periodic(
                "prune",
                every=lambda: (
                    timedelta(days=1) if settings.JOB_RETENTION_DAYS else None
                ),
                enqueue=lambda: services.jobs_prune(days=settings.JOB_RETENTION_DAYS),
            )
        )
