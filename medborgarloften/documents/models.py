"""Imported documents and extraction runs: the provenance chain of an imported promise.

imported document (bytes, sha256, source URL) → extraction run (raw record JSON,
extractor version) → draft promise that a person reviews (STYLE rule 19).

The raw bytes of *every* document are kept as a file, HTML and text included: the sha256
must name bytes we can show, and a better reader later can only re-read a page from the
bytes we fetched (pages change or vanish). Files are content-addressed
(``documents/ab/<sha256>.<ext>``), so the same bytes are stored once.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.modelparts import choices_check, optional_link, optional_user
from medborgarloften.places.models import OrganisationKind, kommun_link


class DocumentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (DOCX)")
    HTML = "html", _("Webbsida")
    TEXT = "text", _("Text")
    OTHER = "other", _("Annat")


def _document_path(instance: SourceDocument, filename: str) -> str:
    # Content-addressed: the hash names the file, the extension keeps it openable.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    sha = instance.sha256
    return f"documents/{sha[:2]}/{sha}.{suffix[:8]}"


class SourceDocumentQuerySet(models.QuerySet["SourceDocument"]):
    def for_kommun(self, kommun: object) -> SourceDocumentQuerySet:
        return self.filter(kommun=kommun)


class SourceDocument(models.Model):
    """One imported document of one kommun, identified by the sha256 of its bytes.

    The same bytes imported by two kommuner are two documents (sharing one stored
    file): a kommun never reuses, nor learns of, another kommun's import.
    """

    kommun = optional_link(
        "places.Organisation",
        _("kommun"),
        related_name="source_documents",
        limit_choices_to={"kind": OrganisationKind.KOMMUN},
    )
    original_name = models.CharField(_("filnamn"), max_length=300, blank=True)
    source_url = models.URLField(_("källa (webbadress)"), max_length=1000, blank=True)
    content_type = models.CharField(_("innehållstyp"), max_length=200, blank=True)
    kind = models.CharField(
        _("typ"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.TEXT
    )
    sha256 = models.CharField(_("sha256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    raw = models.FileField(
        _("originalfil"), upload_to=_document_path, max_length=300, blank=True
    )
    text = models.TextField(_("utläst text"), blank=True)
    language = models.CharField(
        _("språk (gissning)"),
        max_length=8,
        blank=True,
        help_text=_("ISO 639-1-kod som läsaren gissat, t.ex. sv."),
    )
    meta = models.JSONField(_("läsarens uppgifter"), default=dict, blank=True)
    created_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    created_by = optional_user(_("importerad av"), related_name="+")

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("importerat dokument")
        verbose_name_plural = _("importerade dokument")
        constraints = [
            choices_check("document_kind_valid", DocumentKind, field="kind"),
            models.UniqueConstraint(
                fields=["kommun", "sha256"], name="document_unique_per_kommun"
            ),
            models.UniqueConstraint(
                fields=["sha256"],
                condition=Q(kommun__isnull=True),
                name="document_unique_without_kommun",
            ),
        ]
        indexes = [models.Index(fields=["sha256"], name="document_sha256")]

    def __str__(self) -> str:
        return self.original_name or self.source_url or self.sha256[:12]


class ExtractionRunStatus(models.TextChoices):
    OK = "ok", _("Klar")
    FAILED = "failed", _("Misslyckades")


class ExtractionRunQuerySet(models.QuerySet["ExtractionRun"]):
    def ok(self) -> ExtractionRunQuerySet:
        return self.filter(status=ExtractionRunStatus.OK)

    def failed(self) -> ExtractionRunQuerySet:
        return self.filter(status=ExtractionRunStatus.FAILED)


class ExtractionRun(models.Model):
    """One pass of the extractor over a document: the raw record it gave, unreviewed.

    ``record`` is kept exactly as the extractor returned it (spans, checks and all), so
    a reviewer can compare the draft promise with what the machine read.
    """

    document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    extractor_version = models.CharField(
        _("extraktorns version"), max_length=50, blank=True
    )
    record = models.JSONField(_("extraherad post"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExtractionRunStatus.choices
    )
    error = models.TextField(_("fel"), blank=True)
    promise = optional_link(
        "promises.Promise",
        _("utkast till medborgarlöfte"),
        related_name="extraction_runs",
    )
    source = models.CharField(
        _("källa"),
        max_length=300,
        blank=True,
        help_text=_("Hur importen gjordes, t.ex. 'import' eller 'import --polisen'."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = optional_user(_("skapad av"), related_name="+")

    objects = ExtractionRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("extraktionskörning")
        verbose_name_plural = _("extraktionskörningar")
        constraints = [
            choices_check("extractionrun_status_valid", ExtractionRunStatus),
            models.CheckConstraint(
                condition=Q(status=ExtractionRunStatus.FAILED) | Q(error=""),
                name="extractionrun_ok_has_no_error",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


class ImportJobStage(models.TextChoices):
    """What the worker is doing now, shown on the job's status page."""

    WAITING = "waiting", _("Väntar på en ledig arbetsprocess")
    FETCHING = "fetching", _("Hämtar webbadressen")
    READING = "reading", _("Läser dokumentet (skannade sidor läses med OCR)")
    SAVING = "saving", _("Tar fram förslaget och sparar")
    RETRYING = "retrying", _("Ett tillfälligt fel; försöker igen strax")
    FINISHED = "finished", _("Färdig")


class ImportJob(models.Model):
    """One web upload or URL import waiting for, or done by, the background worker.

    The uploaded bytes wait here (not in the file store) until the worker has read
    them; they are cleared when the job ends, either way. A job that fails leaves
    nothing else behind: no document, no run. A job that succeeds points at its run.
    """

    kommun = kommun_link("import_jobs")
    actor = optional_user(_("startad av"), related_name="+")
    filename = models.CharField(_("filnamn"), max_length=300, blank=True)
    content_type = models.CharField(_("innehållstyp"), max_length=200, blank=True)
    url = models.URLField(_("webbadress"), max_length=1000, blank=True)
    data = models.BinaryField(_("uppladdade bytes"), blank=True, default=b"")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportJobStatus.choices,
        default=ImportJobStatus.QUEUED,
    )
    stage = models.CharField(
        _("steg"),
        max_length=10,
        choices=ImportJobStage.choices,
        default=ImportJobStage.WAITING,
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    error = models.TextField(_("felorsak"), blank=True)
    run = optional_link(ExtractionRun, _("extraktion"), related_name="+")
    reused_document = models.BooleanField(default=False)
    #: It failed because the server could not keep the file (a full disk).
    not_stored = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobb")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url or self.filename or f"#{self.pk}"

    @property
    def label(self) -> str:
        return self.url or self.filename

    @property
    def finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)
