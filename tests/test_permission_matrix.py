"""The permission matrix: no role of one kommun reads or writes anything of another.

Two kommuner get every kind of staff object (tests/tenancy_world.py): Kalmar, where
the attackers belong, and Nybro, the target, whose non-public texts all carry the
marker ``HEMLIG-NYBRO``. Then, for each of twelve roles — anonymous, a user without
organisation, Kalmar's admin, editor, reporter and viewer, the admin, editor and
reporter of Lokalpolisområde Kalmar, the admin and reporter of a housing company
serving Kalmar, and the admin of an association serving nobody — every URL pattern
of the URLconf is requested:

- with Nybro's objects in its parameters: GET, then every form a superuser sees on
  the same page for Kalmar's objects, posted to Nybro's (each submit button once,
  and any choice whose label names Nybro chosen), like an attacker replaying a form;
- the write API with a token of the role's organisation and bodies naming Nybro.

Every answer must be below 500 and free of the marker; a staff page (``/personal/``)
about a Nybro object must be refused (403/404/405, or the login page for visitors);
and Nybro's data — everything ``exportkommun`` would export for it, its
organisations, areas, members, tokens, documents and the answers given in its name —
must be exactly as before. The URLs are enumerated from the URLconf, so a new URL is
walked automatically; one whose parameters this test cannot fill fails it, naming
the URL, until a sample is added to ``_victim_kwargs``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from .tenancy_world import Side, build_side, kommun, lpo_for

MARKER = "HEMLIG-NYBRO"
ROLES = [
    "anonymous",
    "outsider",
    "kalmar_admin",
    "kalmar_editor",
    "kalmar_reporter",
    "kalmar_viewer",
    "lpo_admin",
    "lpo_editor",
    "lpo_reporter",
    "kalmarhem_admin",
    "kalmarhem_reporter",
    "forening_admin",
]
#: Answers that say "no" without showing anything.
REFUSED = {403, 404, 405}


# --- The URLconf --------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # the pattern as text
    params: tuple[str, ...]
    pattern: Any
    namespace: str


def _routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    routes: list[Route] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            routes += _routes(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            text = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if entry.name else text
            params = tuple(entry.pattern.regex.groupindex)
            routes.append(Route(name, text, params, entry, namespace))
    return routes


def _url(route: Route, kwargs: dict[str, Any]) -> str:
    """The path for ``route`` with ``kwargs``, built from the pattern's text so
    unnamed and regex patterns work too."""
    text = route.route
    for key, value in kwargs.items():
        text = re.sub(rf"\(\?P<{key}>[^)]*\)\$?", str(value), text)
        text = re.sub(rf"<(?:\w+:)?{key}>", str(value), text)
    text = text.replace("^", "").replace("$", "")
    assert "<" not in text and "(?P" not in text, (route.name, text)
    return "/" + text


# --- Who and what --------------------------------------------------------------------


@dataclass
class World:
    own: Side
    victim: Side
    kalmarhem: Any
    forening: Any
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)


def _user(username: str, organisation: Any = None, role: str = ""):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username=username, password="x")
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def world(db, superuser, county_kalmar, settings, tmp_path) -> World:
    from medborgarloften.places.models import Organisation, OrganisationKind
    from medborgarloften.promises.services import PromiseFields, promise_create
    from medborgarloften.publishing.api.services import api_token_create

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the jobs' files
    kalmar = kommun("0880", "Kalmar", county_kalmar)
    nybro = kommun("0881", "Nybro", county_kalmar)
    own = build_side(
        kommun=kalmar, lpo=lpo_for(kalmar), marker="KALMAR-INTERN", actor=superuser
    )
    victim = build_side(
        kommun=nybro, lpo=lpo_for(nybro), marker=MARKER, actor=superuser
    )
    kalmarhem = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )
    kalmarhem.serves.add(kalmar)
    forening = Organisation.objects.create(
        kind=OrganisationKind.FORENING, name="Grannsamverkan Kalmar"
    )
    world = World(own=own, victim=victim, kalmarhem=kalmarhem, forening=forening)
    world.users = {
        "anonymous": None,
        "outsider": _user("outsider"),
        "kalmar_admin": _user("kalmar_admin", kalmar, "admin"),
        "kalmar_editor": _user("kalmar_editor", kalmar, "editor"),
        "kalmar_reporter": _user("kalmar_reporter", kalmar, "reporter"),
        "kalmar_viewer": _user("kalmar_viewer", kalmar, "viewer"),
        "lpo_admin": _user("lpo_admin", own.lpo, "admin"),
        "lpo_editor": _user("lpo_editor", own.lpo, "editor"),
        "lpo_reporter": _user("lpo_reporter", own.lpo, "reporter"),
        "kalmarhem_admin": _user("kalmarhem_admin", kalmarhem, "admin"),
        "kalmarhem_reporter": _user("kalmarhem_reporter", kalmarhem, "reporter"),
        "forening_admin": _user("forening_admin", forening, "admin"),
    }
    assert list(world.users) == ROLES
    for role, user in world.users.items():
        membership = user.memberships.first() if user is not None else None
        if membership is not None and membership.role != "viewer":
            world.tokens[role] = api_token_create(
                user=user, organisation=membership.organisation
            )[1]
    # Each side's editor names the other kommun: the asked kommun must answer itself.
    for side, other, name in ((own, victim, "kalmar"), (victim, own, "nybro")):
        editor = _user(f"{name}_asker", side.kommun, "editor")
        side.asking = promise_create(
            actor=editor,
            fields=PromiseFields(
                title=f"Gemensamt med {other.kommun.name}",
                parties=[side.kommun, other.kommun],
            ),
        )
    return world


def _membership(side: Side) -> int:
    """A membership in the side's kommun (its asking editor's)."""
    from medborgarloften.accounts.models import Membership

    found = Membership.objects.filter(organisation=side.kommun).order_by("pk").first()
    assert found is not None
    return found.pk


def _victim_kwargs(route: Route, w: World, side: Side) -> dict[str, Any] | None:
    """Parameters naming ``side``'s objects for ``route``; None if unknown."""
    if not route.params:
        return {}
    s = side
    other = w.own if side is w.victim else w.victim
    # the draft plan's measure (of its goal), and the cause and problem it acts on
    measure = s.goal.measure
    cause = measure.causes.select_related("problem").first()
    by_name: dict[str, dict[str, Any]] = {
        # promises (the draft holds the marker)
        "promises:detail": {"pk": s.draft.pk},
        "promises:edit": {"pk": s.draft.pk},
        "promises:status": {"pk": s.draft.pk, "status": "adopted"},
        "promises:history": {"pk": s.draft.pk},
        "promises:successor": {"pk": s.published.pk},
        "promises:delete": {"pk": s.draft.pk},
        "promises:own_draft": {"pk": s.draft.pk},
        "promises:document_review": {"pk": s.draft.pk},
        "promises:document_pdf": {"pk": s.draft.pk},
        "promises:document_docx": {"pk": s.draft.pk},
        # the other side's promise that asks this side's kommun to join
        "promises:party_answer": {"pk": other.asking.pk, "org": s.kommun.pk},
        # import
        "documents:review": {"pk": s.run.pk},
        "documents:job": {"pk": s.job.pk},
        "documents:job_delete": {"pk": s.job.pk},
        # organisations and areas
        "places:edit": {"pk": s.kommun.pk},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "places:members": {"pk": s.kommun.pk},
        "places:member_edit": {"pk": s.kommun.pk, "membership": _membership(s)},
        "places:areas": {"code": s.kommun.code},
        "places:area_create": {"code": s.kommun.code},
        "places:area_edit": {"code": s.kommun.code, "pk": s.area.pk},
        "places:area_delete": {"code": s.kommun.code, "pk": s.area.pk},
        "places:area_import": {"code": s.kommun.code},
        "places:area_export": {"code": s.kommun.code},
        "places:overlays": {"code": s.kommun.code},
        # background tiles: public, the same for everyone (none configured here)
        ":map_tile": {"z": 12, "x": 2234, "y": 1262},
        # follow-up
        "followup:dashboard": {"pk": s.draft.pk},
        "followup:activities": {"pk": s.draft.pk},
        "followup:import": {"pk": s.draft.pk},
        "followup:report_new": {"pk": s.published.pk},
        "followup:activity_new": {"pk": s.draft_commitment.pk},
        "followup:assessment": {"pk": s.published_commitment.pk},
        "followup:activity_edit": {"pk": s.draft_activity.pk},
        "followup:activity_delete": {"pk": s.draft_activity.pk},
        "followup:report": {"pk": s.report.pk},
        "followup:report_edit": {"pk": s.report.pk},
        "followup:report_delete": {"pk": s.report.pk},
        "followup:report_status": {"pk": s.report.pk, "status": "approved"},
        "followup:report_pdf": {"pk": s.report.pk},
        "followup:report_docx": {"pk": s.report.pk},
        "followup:report_pdf_job": {"pk": s.report.pk},
        "followup:plan": {"pk": s.published.pk},
        "followup:plan_year": {"pk": s.published.pk, "year": timezone.now().year},
        "followup:plan_tick": {"pk": s.published_commitment.pk},
        "followup:arshjul": {"pk": s.published.pk},
        "followup:arshjul_ics": {"pk": s.published.pk},
        "followup:communication": {"pk": s.published.pk},
        "followup:communication_status": {"pk": s.communication.pk},
        "followup:evaluation": {"pk": s.draft.pk},
        "followup:history": {"pk": s.draft.pk},
        "followup:partner_commitment": {"pk": s.published_commitment.pk},
        "followup:partner_members": {"pk": s.partner.pk},
        # the published report pages (publishing): the report is a draft
        "publishing:report": {"uid": s.report.uid},
        "publishing:report_pdf": {"uid": s.report.uid},
        "publishing:report_docx": {"uid": s.report.uid},
        # … and the addresses they were first published under (redirects only)
        "publishing:report_first_address": {"uid": s.report.uid},
        "publishing:report_pdf_first_address": {"uid": s.report.uid},
        "publishing:report_docx_first_address": {"uid": s.report.uid},
        # background jobs: a member's finished job with its file
        "jobs:job": {"pk": s.background_job.pk},
        "jobs:download": {"pk": s.background_job.pk},
        # lägesbild and åtgärdsplan (planning): drafts holding the marker
        "planning:kommun": {"code": s.kommun.code},
        "planning:steps": {"code": s.kommun.code},
        "planning:grant_file": {"code": s.kommun.code},
        "planning:agreement_file": {
            "code": s.kommun.code,
            "pk": s.agreement.pk,
            "fmt": "pdf",
        },
        "planning:report_new": {"code": s.kommun.code},
        "planning:plan_new": {"code": s.kommun.code},
        "planning:report": {"pk": s.situation_report.pk},
        "planning:report_edit": {"pk": s.situation_report.pk},
        "planning:report_adopt": {"pk": s.situation_report.pk},
        "planning:report_revise": {"pk": s.situation_report.pk},
        "planning:report_file": {"pk": s.situation_report.pk, "fmt": "docx"},
        "planning:plan": {"pk": s.action_plan.pk},
        "planning:plan_file": {"pk": s.action_plan.pk, "fmt": "pdf"},
        "planning:plan_adopt": {"pk": s.action_plan.pk},
        "planning:plan_edit": {"pk": s.action_plan.pk},
        "planning:plan_delete": {"pk": s.action_plan.pk},
        "planning:plan_decision_correct": {"pk": s.action_plan.pk},
        "planning:report_decision_correct": {"pk": s.situation_report.pk},
        "planning:goal_revise": {"pk": s.goal.pk},
        "planning:problem_edit": {"pk": cause.problem_id},
        "planning:problem_delete": {"pk": cause.problem_id},
        "planning:cause_edit": {"pk": cause.pk},
        "planning:cause_delete": {"pk": cause.pk},
        "planning:measure_edit": {"pk": measure.pk},
        "planning:measure_delete": {"pk": measure.pk},
        "planning:measure_status": {"pk": measure.pk},
        # coordination (the meeting is unpublished and holds the marker)
        "coordination:kommun": {"code": s.kommun.code},
        "coordination:role_assign": {"code": s.kommun.code},
        "coordination:meeting_new": {"code": s.kommun.code},
        "coordination:meeting": {"pk": s.meeting.pk},
        "coordination:agenda_refresh": {"pk": s.meeting.pk},
        "coordination:agenda_add": {"pk": s.meeting.pk},
        "coordination:minutes": {"pk": s.meeting.pk},
        "coordination:publish": {"pk": s.meeting.pk},
        "coordination:decision_new": {"pk": s.meeting.pk},
        "coordination:decision": {"pk": s.decision.pk},
        "coordination:decision_status": {"pk": s.decision.pk},
        "coordination_public:meeting": {"code": s.kommun.code, "uid": s.meeting.uid},
        # lägesbild
        "situation:promise_baseline": {"pk": s.published.pk},
        "situation:observation_edit": {"code": s.kommun.code, "pk": s.observation.pk},
        "situation:observation_remove": {
            "code": s.kommun.code,
            "pk": s.observation.pk,
        },
        "situation:survey_detail": {"code": s.kommun.code, "pk": s.survey.pk},
        "situation:survey_publish": {"code": s.kommun.code, "pk": s.survey.pk},
        "situation:survey_export": {"code": s.kommun.code, "pk": s.walk.pk},
        "situation:survey_qr": {"code": s.kommun.code, "pk": s.survey.pk},
        "situation:walk_moderate": {
            "code": s.kommun.code,
            "pk": s.walk.pk,
            "point": s.walk_point.pk,
        },
        "surveys_public:answer": {"token": s.survey.token},
        "surveys_public:thanks": {"token": s.survey.token},
        # public site and API (only public things may show)
        "publishing:promise": {"uid": s.draft.uid},
        "publishing:promise_feed": {"uid": s.draft.uid},
        "publishing:embed": {"uid": s.draft.uid},
        "publishing:area": {"kommunkod": s.kommun.code, "area_id": s.area.pk},
        "publishing:area_by_name": {"kommunkod": s.kommun.code, "slug": "centrum"},
        "publishing:subscribe_confirm": {"token": "x" * 20},
        "publishing:unsubscribe": {"token": "x" * 20},
        # cases: a resident's case, the public form and page, Open311
        "cases:staff_detail": {"pk": s.case.pk},
        "cases:photo": {"pk": s.case.pk},  # a photo not yet approved
        "cases:from_walk_point": {"pk": s.walk_point.pk},
        "cases:from_finding": {"pk": s.dialogue.findings.first().pk},
        "situation:dialogue_edit": {"code": s.kommun.code, "pk": s.dialogue.pk},
        "situation:dialogue_remove": {"code": s.kommun.code, "pk": s.dialogue.pk},
        "cases:from_survey_answer": {"pk": s.text_answer.pk},
        "cases:from_survey_question": {"pk": s.text_answer.question_id},
        "cases:rule_edit": {"code": s.kommun.code, "pk": s.routing_rule.pk},
        "cases:rule_delete": {"code": s.kommun.code, "pk": s.routing_rule.pk},
        "cases:template_edit": {"code": s.kommun.code, "pk": s.answer_template.pk},
        "cases:template_delete": {"code": s.kommun.code, "pk": s.answer_template.pk},
        "cases:poster": {"code": s.kommun.code, "area_id": s.area.pk},
        # the resident's receipt and status page: by the case's public reference
        "cases:receipt": {"code": s.kommun.code, "reference": s.case.reference},
        "cases:status": {"reference": s.case.reference},
        "cases:email_confirm": {"token": "x" * 20},
        "cases:email_delete": {"token": "x" * 20},
        "open311:discovery": {"fmt": "json"},
        "open311:services": {"fmt": "json"},
        "open311:requests": {"fmt": "json"},
        "open311:request": {"fmt": "json", "request_id": s.case.pk},
        "api:promise": {"ident": s.draft.uid},
        "api:commitment": {"ident": s.draft_commitment.pk},
        "api:activity": {"ident": s.draft_activity.pk},
        "api:report": {"ident": s.report.uid},
        ":api_case": {"ident": s.case.pk},  # not yet published: a 404
    }
    if route.name in by_name:
        return by_name[route.name]
    # Parameters that mean the same wherever they appear.
    generic = {
        "code": s.kommun.code,
        "kommunkod": s.kommun.code,
        "rest": "saknas",
    }
    if route.namespace == "situation" and set(route.params) <= set(generic):
        return {p: generic[p] for p in route.params}
    if route.namespace in ("publishing", "cases") and set(route.params) <= set(generic):
        return {p: generic[p] for p in route.params}
    if route.namespace == "api" and route.params == ("ident",):
        return {"ident": s.kommun.code}
    if route.namespace == "api" and route.params == ("rest",):
        return {"rest": "saknas"}
    if route.route.startswith("django-admin/"):
        # Django's admin: superusers only, whatever the object.
        values = {"app_label": "promises", "url": "saknas"}
        return {p: values.get(p, "1") for p in route.params}
    return None


# --- Forms on a page ----------------------------------------------------------------


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    multiple: set[str] = field(default_factory=set)
    required: dict[str, str] = field(default_factory=dict)  # name -> input type
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _Forms(HTMLParser):
    """POST forms with their current values, option labels and submit buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.option: tuple[str, bool] | None = None
        self.text = ""
        self.textarea: str | None = None
        # A checkbox or radio button inside its <label>: the label's text names it.
        self.boxed: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.form = Form(action=a.get("action", ""))
            return
        form = self.form
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                form.buttons.append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.setdefault(name, []).append(a.get("value", "on"))
                # A group of checkboxes is a multiple choice, a group of radio
                # buttons a single one: aimed at by the label's text like options.
                self.boxed = (name, a.get("value", "on"))
                self.text = ""
                if kind == "checkbox":
                    form.multiple.add(name)
            elif kind != "file":
                form.fields.setdefault(name, []).append(a.get("value", ""))
                if "required" in a:
                    form.required[name] = kind
        elif tag == "button" and a.get("type", "submit") == "submit" and name:
            form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = name
            self.text = ""
            if "required" in a:
                form.required[name] = "textarea"
        elif tag == "select" and name:
            self.select = name
            form.labels.setdefault(name, [])
            form.fields.setdefault(name, [])
            if "multiple" in a:
                form.multiple.add(name)
        elif tag == "option" and self.select:
            self.option = (a.get("value", ""), "selected" in a)
            self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_endtag(self, tag: str) -> None:
        form = self.form
        if form is None:
            return
        if tag == "textarea" and self.textarea:
            form.fields.setdefault(self.textarea, []).append(self.text)
            self.textarea = None
        elif tag == "option" and self.select and self.option:
            value, selected = self.option
            form.labels[self.select].append((value, self.text.strip()))
            if selected:
                form.fields[self.select].append(value)
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "label" and self.boxed:
            name, value = self.boxed
            form.labels.setdefault(name, []).append((value, self.text.strip()))
            self.boxed = None
        elif tag == "form":
            self.forms.append(form)
            self.form = None


def _forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _attacks(form: Form) -> list[dict[str, list[str]]]:
    """The form as posted, aimed at Nybro: every choice naming Nybro chosen (added
    to what a multiple choice had), once per submit button."""
    data = {k: list(v) for k, v in form.fields.items() if k != "csrfmiddlewaretoken"}
    # What the attacker types where the form needs something.
    typed = {"date": dt.date.today().isoformat(), "number": "1", "email": "a@b.se"}
    for name, kind in form.required.items():
        if not any(str(v).strip() for v in data.get(name, [])):
            data[name] = [typed.get(kind, "Angrepp från Kalmar")]
    for name, options in form.labels.items():
        aimed = [value for value, label in options if "Nybro" in label and value]
        if aimed and name in form.multiple:
            data[name] = list(dict.fromkeys(data.get(name, []) + aimed))
        elif aimed and any(data.get(name, [])):
            # A choice already made (a blank one stays blank: an empty row of a
            # formset must stay empty to be skipped).
            data[name] = aimed[:1]
    for name in list(data):
        if name in ("serves", "municipalities"):
            data[name] = ["0880, 0881 Nybro"]
    buttons = form.buttons[:3] or [("", "")]
    return [{**data, **({b: [v]} if b else {})} for b, v in buttons]


# --- What Nybro has -----------------------------------------------------------------


def _snapshot(side: Side) -> str:
    """Nybro's data as one canonical text: what ``exportkommun`` exports for it, its
    promises as records, its organisations, areas, members, tokens, imported
    documents, the answers given in its name and its audit trail."""
    from medborgarloften.accounts.models import ApiToken, Membership
    from medborgarloften.documents.models import ExtractionRun, SourceDocument
    from medborgarloften.operations.kommun_export import TABLES, _rows
    from medborgarloften.places.models import Area, OrganisationEvent
    from medborgarloften.promises.exchange import promise_to_record
    from medborgarloften.promises.models import PartyRequest, Promise

    orgs = [side.kommun, side.lpo]
    data: dict[str, Any] = {}
    for stem, (label, lookup) in TABLES.items():
        data[stem] = _rows(label, lookup, side.kommun)
    promises = Promise.objects.filter(parties__in=orgs).distinct().order_by("pk")
    data["promises"] = [
        {
            "record": promise_to_record(p),
            "status": p.status,
            "parties": sorted(p.parties.values_list("pk", flat=True)),
        }
        for p in promises
    ]
    data["organisations"] = [
        {
            **model_to_dict(o, exclude=["serves"]),
            "serves": sorted(o.serves.values_list("pk", flat=True)),
            "served_by": sorted(o.served_by.values_list("pk", flat=True)),
        }
        for o in type(side.kommun).objects.filter(pk__in=[o.pk for o in orgs])
    ]
    data["areas"] = list(
        Area.objects.filter(kommun=side.kommun).order_by("pk").values()
    )
    data["members"] = list(
        Membership.objects.filter(organisation__in=orgs)
        .order_by("pk")
        .values("user_id", "organisation_id", "role")
    )
    data["tokens"] = list(
        ApiToken.objects.filter(organisation__in=orgs)
        .order_by("pk")
        .values("pk", "user_id", "revoked_at")
    )
    data["documents"] = list(
        SourceDocument.objects.filter(kommun=side.kommun).order_by("pk").values()
    )
    data["runs"] = list(
        ExtractionRun.objects.filter(document__kommun=side.kommun)
        .order_by("pk")
        .values("pk", "status", "promise_id", "document_id")
    )
    # Answers given in Nybro's name (asking Nybro is allowed: it stays pending).
    data["answers"] = list(
        PartyRequest.objects.filter(organisation__in=orgs)
        .exclude(status="pending")
        .order_by("pk")
        .values("promise_id", "organisation_id", "status", "decided_by_id")
    )
    data.update(_snapshot_newer(side))
    data["audit"] = (
        OrganisationEvent.objects.filter(kommun__in=orgs).count()
        + OrganisationEvent.objects.filter(organisation__in=orgs).count()
    )
    return json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)


def _snapshot_newer(side: Side) -> dict[str, Any]:
    """The kommun's rows in the apps ``exportkommun`` does not cover yet: lägesbild
    and åtgärdsplan, meetings and decisions, residents' cases, background jobs."""
    from medborgarloften.cases.models import AnswerTemplate, Case, RoutingRule
    from medborgarloften.coordination.models import Decision, Meeting
    from medborgarloften.jobs.models import Job
    from medborgarloften.planning import models as planning

    k = side.kommun
    querysets = {
        "situation_reports": planning.SituationReport.objects.filter(kommun=k),
        "sections": planning.SituationSection.objects.filter(report__kommun=k),
        "action_plans": planning.ActionPlan.objects.filter(kommun=k),
        "problems": planning.Problem.objects.filter(plan__kommun=k),
        "causes": planning.Cause.objects.filter(problem__plan__kommun=k),
        "measures": planning.Measure.objects.filter(plan__kommun=k),
        "goals": planning.Goal.objects.filter(measure__plan__kommun=k),
        "measure_links": planning.MeasureLink.objects.filter(measure__plan__kommun=k),
        "meetings": Meeting.objects.filter(kommun=k),
        "decisions": Decision.objects.filter(meeting__kommun=k),
        "cases": Case.objects.filter(kommun=k),
        "routing_rules": RoutingRule.objects.filter(kommun=k),
        "answer_templates": AnswerTemplate.objects.filter(kommun=k),
        "jobs": Job.objects.filter(kommun=k),
    }
    return {
        name: list(queryset.order_by("pk").values())
        for name, queryset in querysets.items()
    }


# --- The walk -----------------------------------------------------------------------


def _client(w: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    user = w.users[role]
    if user is not None:
        client.force_login(user)
    return client


#: Posts a page cannot show (the view answers POST only), per URL name.
EXTRA_POSTS: dict[str, list[dict[str, list[str]]]] = {
    "promises:party_answer": [{"svar": ["godkann"]}, {"svar": ["avboj"]}],
    "cases:from_survey_answer": [{"theme": ["trygghet_offentlig_miljo"]}],
    "cases:from_survey_question": [{"theme": ["trygghet_offentlig_miljo"]}],
}


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path in (
        "/konto/logga-in/",
        "/konto/logga-ut/",
        "/django-admin/login/",
    )


def _check(
    problems: list[str], role: str, method: str, url: str, response: Any, staff: bool
) -> None:
    where = f"{role} {method} {url}"
    if response.status_code >= 500:
        problems.append(f"{where}: {response.status_code}")
        return
    body = b"".join(response) if response.streaming else response.content
    if MARKER.encode() in body:
        problems.append(f"{where}: shows {MARKER} ({response.status_code})")
    if staff and response.status_code not in REFUSED:
        if role == "anonymous" and _is_login_redirect(response):
            return
        problems.append(f"{where}: answered {response.status_code}, not a refusal")
    if url.startswith("/django-admin/") and not (
        response.status_code in REFUSED
        or _is_login_redirect(response)
        # Its logout sends everybody to its index, which asks them to sign in.
        or (url == "/django-admin/logout/" and response["Location"] == "/django-admin/")
    ):
        problems.append(f"{where}: Django's admin answered {response.status_code}")


WRITE_API = {
    "api:activities": lambda s, today: [
        {"commitment_id": c.pk, "date": today.isoformat(), "kind": "Vandring"}
        for c in (s.draft_commitment, s.published_commitment)
    ],
    "api:observations": lambda s, today: [
        {
            "kommun": s.kommun.code,
            "category": "klotter",
            "observed_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
        }
    ],
}


#: Downloads and feeds: no forms to harvest from them.
_NO_FORMS = re.compile(r"(pdf|docx|ics|qr|csv|feed|embed)$")


def _admin_answer(user: Any, route: Route, url: str, method: str) -> Any:
    """Django's admin answers straight from its view: ``AdminSite.admin_view`` is
    its only gate (no middleware of ours is involved), and this is ~20 times
    faster than the test client for its 190 URLs."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.cache import SessionStore
    from django.test import RequestFactory
    from django.urls import resolve

    factory = RequestFactory()
    request = factory.get(url) if method == "GET" else factory.post(url, {})
    request.user = user if user is not None else AnonymousUser()
    request.session = SessionStore()
    request._dont_enforce_csrf_checks = True
    match = resolve(url)
    return match.func(request, *match.args, **match.kwargs)


def test_no_role_reads_or_writes_another_kommuns_data(world, superuser):
    routes = _routes()
    unknown = [r.name for r in routes if _victim_kwargs(r, world, world.victim) is None]
    assert not unknown, (
        "URL patterns whose parameters the permission matrix cannot fill; add a "
        f"sample for each to _victim_kwargs: {unknown}"
    )
    admin = [r for r in routes if r.route.startswith("django-admin/")]
    site = [r for r in routes if r not in admin]
    before = _snapshot(world.victim)

    # The forms an attacker would replay: what an admin of all of Kalmar's
    # organisations sees on Kalmar's pages (a superuser where that admin may not).
    insider = _user("kalmar_insider", world.own.kommun, "admin")
    for organisation in (world.own.lpo, world.kalmarhem, world.forening):
        insider.memberships.create(organisation=organisation, role="admin")
    harvesters = [Client(), Client()]
    harvesters[0].force_login(insider)
    harvesters[1].force_login(superuser)
    forms: dict[str, list[Form]] = {}
    for route in site:
        if route.namespace == "api" or _NO_FORMS.search(route.name):
            continue
        own_url = _url(route, _victim_kwargs(route, world, world.own) or {})
        response = harvesters[0].get(own_url)
        if response.status_code in (403, 404):
            response = harvesters[1].get(own_url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            page = response.content.decode("utf-8", "replace")
            forms[route.name] = [
                f for f in _forms(page) if f.action in ("", own_url, "?", "#")
            ]

    problems: list[str] = []
    today = timezone.localdate()
    requests = 0
    for role in ROLES:
        user = world.users[role]
        for route in admin:
            url = _url(route, _victim_kwargs(route, world, world.victim) or {})
            for method in ("GET", "POST"):
                response = _admin_answer(user, route, url, method)
                requests += 1
                _check(problems, role, method, url, response, staff=False)
        client = _client(world, role)
        for route in site:
            kwargs = _victim_kwargs(route, world, world.victim) or {}
            url = _url(route, kwargs)
            staff = url.startswith("/personal/") and bool(route.params)
            _check(problems, role, "GET", url, client.get(url), staff)
            requests += 1
            if route.name in WRITE_API:
                token = world.tokens.get(role)
                for body in WRITE_API[route.name](world.victim, today):
                    headers = {"Authorization": f"Bearer {token}"} if token else {}
                    response = client.post(
                        url,
                        data=json.dumps(body),
                        content_type="application/json",
                        headers=headers,
                    )
                    requests += 1
                    _check(problems, role, "POST", url, response, staff)
                    if response.status_code < 400:
                        problems.append(f"{role} POST {url} {body}: accepted")
                continue
            attacks = [
                data for form in forms.get(route.name, []) for data in _attacks(form)
            ] + EXTRA_POSTS.get(route.name, [])
            for data in attacks or [{}]:
                _check(problems, role, "POST", url, client.post(url, data), staff)
                requests += 1
            if "logga-ut" in url or "logout" in route.name:
                client = _client(world, role)  # that ended the session
        after = _snapshot(world.victim)
        if after != before:
            problems.append(f"{role}: Nybro's data changed")
            before = after
    assert requests > 2 * 12 * len(routes)
    assert not problems, "\n".join(problems[:80])
    # The replayed forms did reach the writers: Kalmar's editors asked Nybro to
    # join promises (allowed; it stays pending), nothing more.
    from medborgarloften.promises.models import PartyRequest

    assert PartyRequest.objects.filter(
        organisation=world.victim.kommun,
        status="pending",
        requested_by__username__in=ROLES,
    ).exists()
    print(f"{len(routes)} URL patterns, {len(ROLES)} roles, {requests} requests")
