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
        # A draft made from a document shows what its reading asks to check.
        from medborgarloften.promises.signals import promise_draft_notes

        from .selectors import promise_import_warnings

        promise_draft_notes.connect(
            promise_import_warnings, dispatch_uid="documents.import_warnings"
        )
