from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "medborgarloften.publishing"
    label = "publishing"
    verbose_name = _("Publicering")

    def ready(self) -> None:
        # Any write to a table the public site reads replaces the publication
        # version the page cache keys on (pagecache.py, pagewrites.py).
        from . import pagewrites

        pagewrites.install()
        # The open data's publisher and contact (`check --deploy`).
        # News mail as background jobs, one per batch of subscribers.
        from . import (
            background,
            checks,  # noqa: F401
        )

        background.register()
