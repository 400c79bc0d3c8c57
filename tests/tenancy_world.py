"""Two kommuner with everything the staff UI shows, for the permission matrix.

``build_side`` gives one kommun (with its lokalpolisområde) a published promise with
follow-up, a draft promise, a draft report, a plan, a communication plan, an
observation, a dialogue, a draft survey, a walk with a point awaiting moderation and
an imported document, a lokala Brå meeting, a resident's case (with a routing rule,
an answer template and a free-text survey answer to make cases of), a lägesbild with an
åtgärdsplan (problem, cause, measure, goal) and a member's finished background job
with its file. Every text that must never leave the kommun's own staff
carries the side's marker (``HEMLIG-NYBRO``), so a page that shows any of it to
somebody else is caught by a plain substring test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from medborgarloften.places.models import Area, Organisation, OrganisationKind

PERIOD = (dt.date(2024, 1, 1), dt.date(2030, 12, 31))

PROMISE_TEXT = """Medborgarlöfte {name} {marker}

Kommunen och Lokalpolisområde {name} lovar att under 2031–2032:

Polisen lovar att:
- genomföra minst tre trygghetsvandringar i centrum per år

Kommunen lovar att:
- hålla två dialogmöten med boende senast 30 juni 2032
"""


@dataclass
class Side:
    """One kommun's objects, by what the URLs need."""

    kommun: Organisation
    lpo: Organisation
    area: Area
    published: Any  # Promise
    draft: Any  # Promise
    draft_commitment: Any
    published_commitment: Any
    draft_activity: Any
    report: Any  # draft Report
    planned: Any
    communication: Any
    observation: Any
    dialogue: Any
    survey: Any  # draft enkät
    walk: Any  # published vandring
    walk_point: Any
    run: Any  # ExtractionRun
    job: Any = None  # ImportJob (a web import, failed or done)
    asking: Any = None  # a draft of this side that asks the other kommun to join
    meeting: Any = None  # an unpublished lokala Brå meeting (coordination)
    decision: Any = None  # a tracked action decided at it
    case: Any = None  # a resident's case (cases app) with a photo, not yet published
    background: Any = None  # jobs.Job (a finished background job of this side)
    situation_report: Any = None  # a draft lägesbild (planning)
    action_plan: Any = None  # a draft åtgärdsplan resting on it
    goal: Any = None  # a goal of a measure of that plan
    agreement: Any = None  # a samverkansöverenskommelse of kommun and LPO
    text_answer: Any = None  # a free-text answer to a published enkät
    routing_rule: Any = None  # a routing rule of the kommun's cases
    answer_template: Any = None  # an answer template of the kommun's cases
    background_job: Any = None  # a finished jobs.Job of a member, with its file
    partner: Any = None  # a housing company named on the published commitment


def kommun(code: str, name: str, county: Any) -> Organisation:
    return Organisation.objects.get_or_create(
        kind=OrganisationKind.KOMMUN,
        code=code,
        defaults={"name": name, "county": county},
    )[0]


def lpo_for(kommun: Organisation) -> Organisation:
    lpo, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.LOKALPOLISOMRADE,
        name=f"Lokalpolisområde {kommun.name}",
        defaults={"county": kommun.county},
    )
    lpo.serves.add(kommun)
    return lpo


def build_side(*, kommun: Organisation, lpo: Organisation, marker: str, actor: Any):
    """Every kind of staff object for one kommun; ``actor`` is a superuser."""
    from medborgarloften.documents.services import document_upload
    from medborgarloften.followup.services.activities import activity_create
    from medborgarloften.followup.services.communication import communication_create
    from medborgarloften.followup.services.partners import (
        partner_activity_create,
        partner_report_create,
    )
    from medborgarloften.followup.services.plans import planned_activity_create
    from medborgarloften.followup.services.reports import report_create
    from medborgarloften.promises.services import (
        CommitmentRow,
        FocusAreaRow,
        PromiseFields,
        SignatoryRow,
        promise_create,
        promise_set_status,
    )
    from medborgarloften.situation.services import dialogue_create
    from medborgarloften.situation.services.observations import observation_create
    from medborgarloften.situation.surveys.services import (
        survey_create,
        survey_publish,
        walk_point_submit,
    )

    today = timezone.localdate()
    area = Area.objects.create(kommun=kommun, name=f"Centrum {kommun.name}")

    def promise(title: str, commitment: str, partner: Any = None):
        return promise_create(
            actor=actor,
            fields=PromiseFields(
                title=title,
                parties=[kommun, lpo],
                period_start=PERIOD[0],
                period_end=PERIOD[1],
                situation_summary="Otrygghet i centrum kvällstid.",
            ),
            focus_areas=[FocusAreaRow(title="Trygg stadskärna", areas=[area])],
            commitments=[
                CommitmentRow(
                    text=commitment,
                    focus_area=0,
                    responsible=["polis", "annan"] if partner else ["polis"],
                    other_parties=[partner] if partner else [],
                    areas=[area],
                    target_quantity=12,
                    target_unit="kvällar",
                    target_per="år",
                ),
            ],
            signatories=[SignatoryRow(name="Anna Andersson", organisation=kommun)],
        )

    # Named by code, not by the kommun's name: the matrix aims replayed choices at
    # labels naming Nybro, which must stay the kommun's own.
    partner = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name=f"Bostadsbolag {kommun.code}"
    )
    partner.serves.add(kommun)
    published = promise(
        f"Medborgarlöfte {kommun.name}",
        f"Polisen patrullerar i {area.name}.",
        partner=partner,
    )
    published = promise_set_status(actor=actor, promise=published, status="adopted")
    published = promise_set_status(actor=actor, promise=published, status="published")
    draft = promise(f"{marker} utkast", f"{marker} åtagande i utkastet")
    draft_commitment = draft.commitments.get()
    published_commitment = published.commitments.get()
    day = today - dt.timedelta(days=10)
    activity_create(
        commitment=published_commitment,
        date=day,
        kind="Patrullering",
        area=area,
        organisation=lpo,
        actor=actor,
    )
    # The partner reports itself: a status (public) and an activity of its own.
    partner_report_create(
        actor=actor,
        commitment=published_commitment,
        organisation=partner,
        status="started",
        reported_on=day,
        comment="Belysningen i trapphusen är beställd.",
    )
    partner_activity_create(
        commitment=published_commitment,
        partner=partner,
        date=day,
        kind="Fastighetsvandring",
        area=area,
        actor=actor,
    )
    draft_activity = activity_create(
        commitment=draft_commitment,
        date=day,
        kind="Trygghetsvandring",
        description=f"{marker} aktivitet i utkastet",
        actor=actor,
    )
    report = report_create(
        promise=published,
        title=f"{marker} rapport",
        period_start=PERIOD[0],
        period_end=today,
        summary=f"{marker} sammanfattning",
        actor=actor,
    )
    planned = planned_activity_create(
        commitment=published_commitment,
        year=today.year,
        kind="Trygghetsvandring",
        when="date",
        starts_on=today,
        description=f"{marker} plan",
        user=actor,
    )
    communication = communication_create(
        promise=published,
        title=f"{marker} kommunikation",
        channel="webb",
        planned_on=today,
    )
    observation = observation_create(
        kommun=kommun,
        category="klotter",
        observed_at=timezone.now() - dt.timedelta(days=1),
        area=area,
        text=f"{marker} observation",
        reporter=actor,
        organisation=kommun,
    )
    dialogue = dialogue_create(
        kommun=kommun,
        kind="medborgardialog",
        held_on=today - dt.timedelta(days=3),
        title=f"{marker} dialog",
        participants={"boende": 12},
        findings=[{"theme": "skadegorelse", "place": "", "text": f"{marker} fynd"}],
        actor=actor,
    )
    survey = survey_create(
        kommun=kommun,
        title=f"{marker} enkät",
        year=today.year,
        closes_on=today + dt.timedelta(days=30),
        bank_keys=["otrygg_kvall"],
        own_questions=[(f"{marker} egen fråga", ["Ja", "Nej"])],
        areas=[area],
    )
    walk = survey_publish(
        survey=survey_create(
            kommun=kommun,
            kind="vandring",
            title=f"Trygghetsvandring {kommun.name}",
            year=today.year,
            closes_on=today + dt.timedelta(days=30),
            areas=[area],
        )
    )
    walk_point = walk_point_submit(
        survey=walk,
        reasons=["belysning"],
        comment=f"{marker} vandringspunkt",
        area=area,
    )
    outcome = document_upload(
        kommun=kommun,
        data=PROMISE_TEXT.format(name=kommun.name, marker=marker).encode(),
        filename=f"{marker}-dokument.txt",
        actor=actor,
    )
    assert outcome.ok, outcome.error
    from medborgarloften.documents.models import ImportJob, ImportJobStatus

    job = ImportJob.objects.create(
        kommun=kommun,
        actor=actor,
        filename=f"{marker}-skannad.pdf",
        status=ImportJobStatus.FAILED,
        error="Filen är tom / the file is empty",
    )
    from medborgarloften.coordination.services import (
        decision_record,
        meeting_create,
        meeting_minutes_save,
    )

    meeting = meeting_create(
        actor=actor,
        kommun=kommun,
        kind="lokala_bra",
        title=f"{marker} lokala Brå",
        held_on=today,
    )
    meeting_minutes_save(
        actor=actor,
        meeting=meeting,
        minutes=f"{marker} protokoll",
        public_summary=f"{marker} sammanfattning",
    )
    decision = decision_record(
        actor=actor,
        meeting=meeting,
        text=f"{marker} beslut",
        owner_role="Samordnare",
        due=today + dt.timedelta(days=30),
    )
    from medborgarloften.cases.services import case_create

    case = case_create(
        kommun=kommun,
        source="form",
        theme="trygghet_offentlig_miljo",
        text=f"{marker} ärende",
        email="boende@example.org",
        photo=_photo(),
    )
    from medborgarloften.jobs.models import Job, JobStatus

    background = Job.objects.create(
        kind="report_pdf",
        title=f"PDF av rapporten {marker}",
        params={"report_id": report.pk},
        status=JobStatus.DONE,
        message=f"{marker} klar",
        actor=actor,
        kommun=kommun,
    )
    situation_report, action_plan, goal = _planning(
        kommun=kommun, lpo=lpo, marker=marker, actor=actor
    )
    background_job = _background_job(kommun=kommun, marker=marker)
    text_answer, routing_rule, answer_template = _case_inputs(
        kommun=kommun, lpo=lpo, area=area, marker=marker, actor=actor
    )
    agreement = _agreement(kommun=kommun, lpo=lpo, marker=marker)
    return Side(
        text_answer=text_answer,
        routing_rule=routing_rule,
        answer_template=answer_template,
        agreement=agreement,
        partner=partner,
        situation_report=situation_report,
        action_plan=action_plan,
        goal=goal,
        background_job=background_job,
        meeting=meeting,
        decision=decision,
        case=case,
        kommun=kommun,
        lpo=lpo,
        area=area,
        published=published,
        draft=draft,
        draft_commitment=draft_commitment,
        published_commitment=published_commitment,
        draft_activity=draft_activity,
        report=report,
        planned=planned,
        communication=communication,
        observation=observation,
        dialogue=dialogue,
        survey=survey,
        walk=walk,
        walk_point=walk_point,
        run=outcome.run,
        job=job,
        background=background,
    )


def _photo() -> Any:
    """A small JPEG, as a resident's phone would send it."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (90, 120, 150)).save(out, format="JPEG")
    return SimpleUploadedFile("plats.jpg", out.getvalue(), content_type="image/jpeg")


def _case_inputs(
    *, kommun: Organisation, lpo: Organisation, area: Area, marker: str, actor: Any
):
    """A published enkät with a free-text question and one answer carrying the
    marker; a routing rule (theme and area → the LPO) and an answer template."""
    from medborgarloften.cases.routing import answer_template_save, routing_rule_save
    from medborgarloften.situation.models import SurveyAnswer
    from medborgarloften.situation.surveys.services import (
        survey_create,
        survey_publish,
        survey_response_submit,
    )

    today = timezone.localdate()
    survey = survey_publish(
        survey=survey_create(
            kommun=kommun,
            title=f"Trygghetsenkät {kommun.name}",
            year=today.year,
            closes_on=today + dt.timedelta(days=30),
            text_questions=["Vad skulle göra dig tryggare?"],
            areas=[area],
        )
    )
    question = survey.questions.get()
    response = survey_response_submit(
        survey=survey, answers={}, area=area, texts={question.pk: f"{marker} svar"}
    )
    rule = routing_rule_save(
        actor=actor, kommun=kommun, theme="skadegorelse", area=area, owner=lpo, days=7
    )
    template = answer_template_save(
        actor=actor,
        kommun=kommun,
        organisation=None,
        title=f"{marker} svarsmall",
        text=f"{marker} mallens text",
    )
    return SurveyAnswer.objects.get(response=response), rule, template


def _agreement(*, kommun: Organisation, lpo: Organisation, marker: str):
    from medborgarloften.promises.models import Agreement

    agreement = Agreement.objects.create(
        title=f"{marker} samverkansöverenskommelse",
        text=f"{marker} överenskommelsens text",
        diarienummer="KS 2026/1",
    )
    agreement.parties.add(kommun, lpo)
    return agreement


def _planning(*, kommun: Organisation, lpo: Organisation, marker: str, actor: Any):
    """A draft lägesbild with a section, and a draft åtgärdsplan on it whose
    problem, cause, measure and goal all carry the marker."""
    from medborgarloften.planning.services import (
        cause_add,
        goal_add,
        measure_add,
        plan_create,
        problem_add,
        section_add,
    )
    from medborgarloften.planning.services import report_create as lagesbild_create

    today = timezone.localdate()
    report = lagesbild_create(
        actor=actor,
        kommun=kommun,
        title=f"{marker} lägesbild",
        year=today.year,
        summary=f"{marker} lägesbildens sammanfattning",
    )
    section = section_add(
        actor=actor,
        report=report,
        kind="crime",
        heading=f"{marker} avsnitt",
        text=f"{marker} skadegörelse i centrum",
    )
    plan = plan_create(
        actor=actor,
        kommun=kommun,
        title=f"{marker} åtgärdsplan",
        situation_report=report,
        period_start=today,
        period_end=today + dt.timedelta(days=365),
        parties=[kommun, lpo],
    )
    problem = problem_add(
        actor=actor, plan=plan, title=f"{marker} problem", sections=[section]
    )
    cause = cause_add(actor=actor, problem=problem, text=f"{marker} orsak")
    measure = measure_add(
        actor=actor,
        plan=plan,
        title=f"{marker} åtgärd",
        kind="situational",
        causes=[cause],
    )
    goal = goal_add(
        actor=actor,
        measure=measure,
        text=f"{marker} mål",
        indicator="Andel som känner sig trygga i centrum",
        baseline="60 %",
        target="70 %",
        due_on=today + dt.timedelta(days=365),
    )
    return report, plan, goal


def _background_job(*, kommun: Organisation, marker: str):
    """A finished job a member of the kommun started, with its file to download."""
    from django.core.files.base import ContentFile

    from medborgarloften.accounts.models import Membership, User
    from medborgarloften.jobs.models import Job, JobStatus

    member = User.objects.create_user(username=f"jobb-{kommun.code}", password="x")
    Membership.objects.create(user=member, organisation=kommun, role="editor")
    job = Job.objects.create(
        kind="report_pdf",
        title=f"{marker} PDF",
        status=JobStatus.DONE,
        message=f"{marker} resultat",
        result_name=f"{marker}.pdf",
        result_type="application/pdf",
        actor=member,
        kommun=kommun,
    )
    job.result.save(f"{marker}.pdf", ContentFile(f"%PDF {marker}".encode()))
    return job
