"""A background job the user can follow: what it is, how far it has come, its
attempts, and its result (a message, a file to download) or why it failed.

The task row of django-tasks-db says only whether the worker ran a function; a
:class:`Job` is what the person who asked for the work sees on its status page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainTextField
from medborgarloften.lib.modelparts import optional_link, optional_user


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class JobQuerySet(models.QuerySet["Job"]):
    def finished(self) -> JobQuerySet:
        return self.filter(status__in=FINISHED)

    def running(self) -> JobQuerySet:
        return self.filter(status=JobStatus.RUNNING)


class Job(models.Model):
    """One piece of work for the worker, as its asker follows it."""

    kind = models.CharField(_("slag"), max_length=40)
    title = models.CharField(_("rubrik"), max_length=300)
    params = models.JSONField(_("parametrar"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("högst antal försök"), default=3)
    done = models.PositiveIntegerField(_("klart"), default=0)
    total = models.PositiveIntegerField(_("totalt"), default=0)
    step = models.CharField(_("steg"), max_length=200, blank=True)
    error = PlainTextField(_("felorsak"), max_length=4000, blank=True)
    message = PlainTextField(_("resultat"), max_length=4000, blank=True)
    result = models.FileField(_("fil"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    result_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    parent = optional_link(
        "self", _("del av"), on_delete=models.CASCADE, related_name="children"
    )
    actor = optional_user(_("startad av"), related_name="+")
    kommun = optional_link(
        "places.Organisation", _("kommun"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    #: Touched at each step; a running job whose heartbeat is older than its kind's
    #: timeout is stuck (services.jobs_sweep).
    heartbeat_at = models.DateTimeField(_("senast aktiv"), null=True, blank=True)
    finished_at = models.DateTimeField(_("avslutad"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "heartbeat_at"]),
            models.Index(fields=["finished_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class Schedule(models.Model):
    """When a periodic job is next due; claimed with one conditional UPDATE, so
    workers on several machines never start it twice (periodic.periodic_tick)."""

    name = models.CharField(max_length=40, primary_key=True)
    next_run_at = models.DateTimeField()

    class Meta:
        verbose_name = _("schema")
        verbose_name_plural = _("scheman")

    def __str__(self) -> str:
        return self.name
