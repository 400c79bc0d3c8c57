"""The lägesbild: observations from trained reporters (EST-style) and, later, surveys,
statistics, police events and dialogues."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import is_naive as timezone_is_naive
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainJSONField, PlainTextField
from medborgarloften.situation.periods import local_month
from medborgarloften.vocabulary import THEMES, choices


class ObservationCategory(models.TextChoices):
    SKADEGORELSE = "skadegorelse", _("Skadegörelse")
    KLOTTER = "klotter", _("Klotter")
    NEDSKRAPNING = "nedskrapning", _("Nedskräpning")
    OTRYGG_PLATS = "otrygg_plats", _("Otrygg plats")
    BELYSNING = "belysning", _("Belysning")
    NARKOTIKA = "narkotika", _("Narkotika")
    ORDNINGSSTORNING = "ordningsstorning", _("Ordningsstörning")
    BUSKORNING = "buskorning", _("Buskörning")
    FOLKSAMLING = "folksamling", _("Folksamling")
    BRAND = "brand", _("Brand")
    HOT_VALD = "hot_vald", _("Hot/våld")
    ANNAT = "annat", _("Annat")


class ObservationQuerySet(models.QuerySet["Observation"]):
    def in_period(self, start: object, end: object) -> ObservationQuerySet:
        """Observations with ``start <= observed_at < end``."""
        return self.filter(observed_at__gte=start, observed_at__lt=end)


class Observation(models.Model):
    """One EST-style report: what, where, when and a short text."""

    kommun = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    category = models.CharField(
        _("vad"), max_length=20, choices=ObservationCategory.choices
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    observed_at = models.DateTimeField(_("när"))
    month = models.PositiveIntegerField(
        _("månad (ååååmm)"),
        default=0,
        editable=False,
        help_text=_("Lokal månad för observed_at, för snabb gruppering i SQL."),
    )
    # Room for an approved walk point: its reasons and a comment of 1 000 characters.
    text = PlainTextField(_("beskrivning"), max_length=2000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapportör"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("rapporterande organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_at", "-id"]
        indexes = [
            models.Index(fields=["kommun", "observed_at"], name="obs_kommun_time"),
            # Covers the monthly, tertial and yearly aggregates (index-only scans).
            models.Index(
                fields=["kommun", "month", "area", "category"],
                name="obs_kommun_month_area",
            ),
            # The map's points: only the few observations that carry a position.
            models.Index(
                fields=["kommun", "observed_at"],
                condition=models.Q(latitude__isnull=False),
                name="obs_located",
            ),
        ]
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.observed_at:%Y-%m-%d}"

    def save(self, *args: object, **kwargs: object) -> None:
        """Keep ``month`` in step with ``observed_at`` on every save (the admin
        included), so the rollups count the report in its local month."""

        if self.observed_at is not None and not timezone_is_naive(self.observed_at):
            self.month = local_month(self.observed_at)
        super().save(*args, **kwargs)


class PoliceEvent(models.Model):
    """One event from the police's open events API, archived and deduplicated by id.

    The API gives the centre point of a kommun or län, never the incident site, so an
    event is placed at kommun level (``kommun``) or only at county level (``county``).
    """

    event_id = models.BigIntegerField(_("händelse-id"), unique=True)
    published_at = models.DateTimeField(_("publicerad"))
    month = models.PositiveIntegerField(_("månad (ååååmm)"), default=0, editable=False)
    name = models.CharField(_("rubrik"), max_length=500)
    summary = models.TextField(_("sammanfattning"), blank=True)
    url = models.CharField(_("länk"), max_length=500, blank=True)
    type = models.CharField(_("typ"), max_length=100)
    location_name = models.CharField(_("platsnamn"), max_length=100)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    kommun = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="police_events",
    )
    county = models.ForeignKey(
        "places.County",
        verbose_name=_("län"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="police_events",
    )
    is_summary = models.BooleanField(
        _("sammanfattning"),
        default=False,
        help_text=_("'Sammanfattning natt' m.fl. samlar många händelser; räknas inte."),
    )
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        ordering = ["-published_at", "-event_id"]
        verbose_name = _("polishändelse")
        verbose_name_plural = _("polishändelser")
        indexes = [
            models.Index(fields=["kommun", "published_at"], name="event_kommun_time"),
            models.Index(fields=["kommun", "month", "type"], name="event_kommun_month"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def absolute_url(self) -> str:
        return f"https://polisen.se{self.url}" if self.url.startswith("/") else self.url


class ObservationCount(models.Model):
    """Observations per kommun × local month × area × category: the rollup every
    whole-month aggregate reads (the analysis page, the national table).

    Kept exact by database triggers on ``situation_observation`` (``counts.py``), so
    every write path — services, admin, imports, cascades, raw SQL — updates it in
    the same transaction. ``area_key`` is the area's id, 0 for none. Never written
    by application code; ``manage rebuildcounts`` recounts it from scratch.
    """

    kommun_id = models.IntegerField()
    month = models.PositiveIntegerField()
    area_key = models.IntegerField()
    category = models.CharField(max_length=20)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kommun_id", "month", "area_key", "category"],
                name="obscount_key",
            )
        ]
        verbose_name = _("antal observationer per månad")
        verbose_name_plural = _("antal observationer per månad")


class PoliceEventCount(models.Model):
    """Police events placed in a kommun per local month × type, digests
    (``is_summary``) left out; kept exact by triggers like ObservationCount."""

    kommun_id = models.IntegerField()
    month = models.PositiveIntegerField()
    type = models.CharField(max_length=100)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kommun_id", "month", "type"], name="eventcount_key"
            )
        ]
        verbose_name = _("antal polishändelser per månad")
        verbose_name_plural = _("antal polishändelser per månad")


class ApiCall(models.Model):
    """One call to an external API, kept so the rate limit holds across processes."""

    api = models.CharField(_("api"), max_length=50)
    called_at = models.DateTimeField(_("anropad"))

    class Meta:
        ordering = ["-called_at"]
        indexes = [models.Index(fields=["api", "called_at"], name="apicall_api_time")]


class ImportBatch(models.Model):
    """One imported file: what, from where, by whom — the provenance of its rows."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Trygghetsmätning")
        CRIME = "crime", _("Brottsstatistik")
        KOLADA = "kolada", _("Kolada")
        EVENTS = "events", _("Polisens händelser")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    filename = models.CharField(_("fil"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    source = models.CharField(_("källa"), max_length=500, blank=True)
    rows = models.PositiveIntegerField(_("rader"), default=0)
    created = models.PositiveIntegerField(_("nya"), default=0)
    updated = models.PositiveIntegerField(_("uppdaterade"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importerad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"


class Gender(models.TextChoices):
    ALLA = "alla", _("Alla")
    KVINNOR = "kvinnor", _("Kvinnor")
    MAN = "man", _("Män")


#: The age group meaning "every age".
ALL_AGES = "alla"


class SurveyIndicator(models.TextChoices):
    """The indicators of Polisens trygghetsmätning and similar surveys: each value is
    the share (%) of respondents giving the answer that signals a problem."""

    ORO_BROTT = "oro_brott", _("Oro att utsättas för brott")
    OTRYGG_KVALL = "otrygg_kvall", _("Otrygghet ute ensam sen kväll")
    PROBLEM_OMRADE = "problem_omrade", _("Problem i området")
    LAG_TILLIT = "lag_tillit", _("Låg social tillit")
    LAGT_FORTROENDE = "lagt_fortroende", _("Lågt förtroende för polisen")


class SurveyResult(models.Model):
    """One survey figure: the share of respondents in an area, year, gender and age."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="survey_results"
    )
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_results",
        help_text=_("Tomt för hela kommunen."),
    )
    indicator = models.CharField(
        _("indikator"), max_length=20, choices=SurveyIndicator.choices
    )
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(
        _("kön"), max_length=10, choices=Gender.choices, default=Gender.ALLA
    )
    age_group = models.CharField(_("åldersgrupp"), max_length=20, default=ALL_AGES)
    share = models.FloatField(_("andel (%)"))
    respondents = models.PositiveIntegerField(_("antal svarande"), null=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["year", "indicator"]
        verbose_name = _("resultat från trygghetsmätning")
        verbose_name_plural = _("resultat från trygghetsmätningar")
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "area", "indicator", "year", "gender", "age_group"],
                condition=models.Q(area__isnull=False),
                name="survey_unique_area_row",
            ),
            models.UniqueConstraint(
                fields=["kommun", "indicator", "year", "gender", "age_group"],
                condition=models.Q(area__isnull=True),
                name="survey_unique_kommun_row",
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0) & models.Q(share__lte=100),
                name="survey_share_percent",
            ),
        ]


class CrimeStatistic(models.Model):
    """Reported crimes (BRÅ-style) in a kommun or area, category and period."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="crime_statistics"
    )
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="crime_statistics",
    )
    category = models.CharField(_("brottskategori"), max_length=100)
    theme = models.CharField(
        _("tema"), max_length=40, blank=True, choices=choices(THEMES)
    )
    year = models.PositiveSmallIntegerField(_("år"))
    count = models.PositiveIntegerField(_("antal anmälda brott"), null=True)
    rate_per_100k = models.FloatField(_("per 100 000 invånare"), null=True)
    population = models.PositiveIntegerField(_("befolkning"), null=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["year", "category"]
        verbose_name = _("brottsstatistik")
        verbose_name_plural = _("brottsstatistik")
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "area", "category", "year"],
                condition=models.Q(area__isnull=False),
                name="crime_unique_area_row",
            ),
            models.UniqueConstraint(
                fields=["kommun", "category", "year"],
                condition=models.Q(area__isnull=True),
                name="crime_unique_kommun_row",
            ),
        ]


class KeyFigure(models.Model):
    """A Kolada key figure (KPI) for a kommun, region ("0008") or the riket ("0000")."""

    kpi = models.CharField(_("nyckeltal"), max_length=20)
    municipality_code = models.CharField(_("kommun/region-id"), max_length=4)
    kommun = models.ForeignKey(
        "places.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, default="T")
    value = models.FloatField(_("värde"), null=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kpi", "year", "municipality_code"]
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "municipality_code", "year", "gender"],
                name="keyfigure_unique",
            )
        ]


class DialogueKind(models.TextChoices):
    MEDBORGARDIALOG = "medborgardialog", _("Medborgardialog")
    MEDARBETARDIALOG = "medarbetardialog", _("Medarbetardialog")
    TRYGGHETSVANDRING = "trygghetsvandring", _("Trygghetsvandring")


class Dialogue(models.Model):
    """A medborgardialog, medarbetardialog or trygghetsvandring; no personal data."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="dialogues"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=DialogueKind.choices)
    held_on = models.DateField(_("datum"))
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogues",
    )
    title = PlainCharField(_("rubrik"), max_length=300, blank=True)
    participants = PlainJSONField(
        _("deltagare per grupp"),
        default=dict,
        blank=True,
        help_text=_('Antal per grupp, t.ex. {"boende": 12, "polis": 2}.'),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"

    @property
    def participant_total(self) -> int:
        return sum(int(v) for v in self.participants.values())


class DialogueFinding(models.Model):
    """One thing a dialogue found, tagged with a theme and, where known, a place."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="findings"
    )
    text = PlainTextField(_("iakttagelse"), max_length=4000)
    theme = models.CharField(_("tema"), max_length=40, choices=choices(THEMES))
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_findings",
    )
    place = PlainCharField(_("plats"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("iakttagelse")
        verbose_name_plural = _("iakttagelser")

    def __str__(self) -> str:
        return self.text[:60]


class CauseAnalysis(models.Model):
    """Brå's short cause analysis for a focus area: problem → causes → measures."""

    focus_area = models.OneToOneField(
        "promises.FocusArea", on_delete=models.CASCADE, related_name="cause_analysis"
    )
    problem = PlainTextField(_("problem"), max_length=2000)
    causes = PlainTextField(_("troliga orsaker"), max_length=2000)
    measures = PlainTextField(_("åtgärder"), max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("orsaksanalys")
        verbose_name_plural = _("orsaksanalyser")


class BaselineValue(models.Model):
    """An indicator frozen when a promise is adopted, so effect can be followed up."""

    promise = models.ForeignKey(
        "promises.Promise", on_delete=models.CASCADE, related_name="baseline_values"
    )
    focus_area = models.ForeignKey(
        "promises.FocusArea",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="baseline_values",
    )
    key = models.CharField(_("indikator"), max_length=100)
    label = PlainCharField(_("beskrivning"), max_length=300)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=40)
    value = models.FloatField(_("värde"), null=True)
    unit = PlainCharField(_("enhet"), max_length=40)
    base = models.PositiveIntegerField(_("underlag (antal)"), null=True)
    frozen_at = models.DateTimeField(_("fryst"))

    class Meta:
        ordering = ["focus_area_id", "key", "area_id"]
        verbose_name = _("utgångsvärde")
        verbose_name_plural = _("utgångsvärden")


# --- digital trygghetsundersökning and trygghetsvandring (situation/surveys/) ------


class SurveyKind(models.TextChoices):
    ENKAT = "enkat", _("Trygghetsundersökning")
    VANDRING = "vandring", _("Digital trygghetsvandring")


class Survey(models.Model):
    """A survey or digital walk the kommun runs itself; answered through a public
    link until ``closes_on``. Its answers feed the lägesbild without retyping."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="surveys"
    )
    kind = models.CharField(
        _("typ"), max_length=10, choices=SurveyKind.choices, default=SurveyKind.ENKAT
    )
    title = PlainCharField(_("rubrik"), max_length=200)
    intro = PlainTextField(_("inledning"), max_length=2000, blank=True)
    year = models.PositiveSmallIntegerField(_("år"))
    areas = models.ManyToManyField(
        "places.Area", verbose_name=_("områden"), blank=True, related_name="surveys"
    )
    token = models.CharField(_("publik nyckel"), max_length=32, unique=True)
    closes_on = models.DateField(_("sista svarsdag"))
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    exported_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The last day the owner was mailed about suspected scripted answers.
    alerted_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    CHOICE = "val", _("Svarsalternativ")
    PLACE = "plats", _("Plats på kartan")


class SurveyQuestion(models.Model):
    """One question: from the question bank (``bank_key``) or the kommun's own.

    ``options`` is a list of ``[value, label]``; answers in ``problem_values`` are
    the ones that signal a problem, so the share giving them is the indicator value.
    """

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    bank_key = models.CharField(_("frågebanksnyckel"), max_length=40, blank=True)
    text = PlainCharField(_("fråga"), max_length=300)
    help_text = PlainCharField(_("förklaring"), max_length=300, blank=True)
    options = PlainJSONField(_("svarsalternativ"), default=list)
    problem_values = models.JSONField(_("problemsvar"), default=list, blank=True)
    indicator = models.CharField(
        _("indikator"),
        max_length=20,
        blank=True,
        choices=SurveyIndicator.choices,
    )
    #: A place question is answered on the map (or in words), not with an option.
    kind = models.CharField(
        _("frågetyp"),
        max_length=10,
        choices=QuestionKind.choices,
        default=QuestionKind.CHOICE,
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("enkätfråga")
        verbose_name_plural = _("enkätfrågor")

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One anonymous answer. Deliberately no IP address, user agent, user, session
    or time of day: only the day, and the background the resident chose to give."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gender = models.CharField(_("kön"), max_length=10, blank=True)
    age_group = models.CharField(_("åldersgrupp"), max_length=20, blank=True)
    submitted_on = models.DateField(_("svarsdag"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")


class SurveyAnswer(models.Model):
    """The option one response chose for one question."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.CharField(_("svar"), max_length=40)
    #: A place question's answer: a point (stored with the area it lies in), or
    #: only an area, or the place in words.
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_text = PlainCharField(_("platsen med ord"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once"
            )
        ]


class WalkStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på granskning")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Avvisad")


class WalkPoint(models.Model):
    """A place a resident marked as unsafe in a digital trygghetsvandring. Nothing is
    public, or on the lägesbild map, before staff approve it."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="walk_points"
    )
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    place_text = PlainCharField(
        _("platsen med ord"),
        max_length=200,
        blank=True,
        help_text=_("När den som svarar beskriver platsen i stället för att markera."),
    )
    reasons = models.JSONField(_("skäl"), default=list)
    comment = PlainTextField(_("kommentar"), max_length=1000, blank=True)
    submitted_on = models.DateField(_("inskickad"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WalkStatus.choices,
        default=WalkStatus.PENDING,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    observation = models.OneToOneField(
        Observation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="walk_point",
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("punkt från trygghetsvandring")
        verbose_name_plural = _("punkter från trygghetsvandring")


class AlertReason(models.TextChoices):
    ADDRESS = "address", _("Spärrade: för många svar från samma adress eller nät")
    FAST = "fast", _("Spärrade: skickade för snabbt efter att sidan visats")
    TOKEN = "token", _("Spärrade: formulär utan giltig nyckel eller skickat två gånger")
    HONEYPOT = "honeypot", _("Kastade: det dolda fältet var ifyllt (skript)")
    LOAD = "load", _("Ovanligt många svar på tio minuter (gränserna skärptes)")


class SurveyAlert(models.Model):
    """Signs of scripted answers to one survey on one day, for the survey's owner:
    how many posts were refused or dropped and why. Counts only: never who, from
    where or at what time of day (situation/surveys/limits.py)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="alerts")
    day = models.DateField(_("dag"))
    reason = models.CharField(_("orsak"), max_length=10, choices=AlertReason.choices)
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        ordering = ["-day", "reason"]
        verbose_name = _("misstänkt massvar")
        verbose_name_plural = _("misstänkta massvar")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "day", "reason"], name="survey_alert_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.day} {self.reason}: {self.count}"
