from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "medborgarloften.documents"
    label = "documents"
    verbose_name = _("Dokument och import")

    def ready(self) -> None:
        # Bulk imports as a background job, and the sweep of stuck imports.
        from . import bulk

        bulk.register()
