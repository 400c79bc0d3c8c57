"""Partners report their own commitments: a housing company named on a commitment
(``annan``) reports status and activities there, and nowhere else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborgarloften.accounts.models import Membership, User
from medborgarloften.followup.models import Activity, PartnerReport
from medborgarloften.followup.partner_selectors import partner_commitments
from medborgarloften.followup.services import (
    partner_activity_create,
    partner_member_add,
    partner_report_create,
)
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, Promise

from .conftest import TODAY

PASSWORD = "test-losenord-123"


def _org(name: str, kind: str = OrganisationKind.BOSTADSBOLAG) -> Organisation:
    return Organisation.objects.create(kind=kind, name=name)


def _member(username: str, organisation: Organisation, role: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def kalmarhem(db):
    return _org("Kalmarhem")


@pytest.fixture
def trafikbolag(db):
    return _org("Kalmar Länstrafik", OrganisationKind.KOLLEKTIVTRAFIK)


@pytest.fixture
def lighting(promise, kalmarhem):
    """Kalmarhem's commitment: lighting in its stairwells."""
    commitment = Commitment.objects.create(
        promise=promise,
        text="Kalmarhem byter belysningen i trapphusen i Berga.",
        responsible=["annan"],
        position=3,
    )
    commitment.other_parties.add(kalmarhem)
    return commitment


@pytest.fixture
def buses(promise, trafikbolag):
    """The trafikbolag's commitment on the same promise."""
    commitment = Commitment.objects.create(
        promise=promise,
        text="Nattbussar stannar vid Funkabo centrum.",
        responsible=["kommun", "annan"],
        position=4,
    )
    commitment.other_parties.add(trafikbolag)
    return commitment


@pytest.fixture
def partner(kalmarhem):
    return _member("partner", kalmarhem, "reporter")


@pytest.fixture
def bus_partner(trafikbolag):
    return _member("bussbolaget", trafikbolag, "reporter")


def _report(actor, commitment, organisation, status="started", **extra):
    return partner_report_create(
        actor=actor,
        commitment=commitment,
        organisation=organisation,
        status=status,
        reported_on=extra.pop("reported_on", TODAY),
        **extra,
    )


def _refused(actor, commitment, organisation, kind="Byte av belysning"):
    """Neither a report nor an activity for ``organisation`` is let through."""
    with pytest.raises(PermissionDenied):
        _report(actor, commitment, organisation, "done")
    with pytest.raises(PermissionDenied):
        partner_activity_create(
            commitment=commitment,
            partner=organisation,
            date=TODAY,
            kind=kind,
            actor=actor,
        )


# --- Services -----------------------------------------------------------------------


def test_it_saves_a_partners_report_as_its_own(partner, lighting, kalmarhem):
    report = partner_report_create(
        actor=partner,
        commitment=lighting,
        organisation=kalmarhem,
        status="half_or_more",
        reported_on=TODAY,
        comment="  Hälften av trapphusen klara.  ",
    )
    assert report.organisation == kalmarhem
    assert report.created_by == partner
    assert report.comment == "Hälften av trapphusen klara."
    assert report.get_status_display() == "Hälften eller mer"


def test_it_refuses_a_partner_on_another_partners_commitment(
    partner, buses, kalmarhem, trafikbolag
):
    for organisation in (kalmarhem, trafikbolag):
        _refused(partner, buses, organisation, kind="Nattbuss")
    assert not PartnerReport.objects.exists()
    assert not Activity.objects.exists()


def test_it_refuses_the_kommuns_commitments_to_a_partner(
    partner, walks, kalmarhem, kalmar
):
    for organisation in (kalmarhem, kalmar):
        _refused(partner, walks, organisation, kind="Trygghetsvandring")
    assert not PartnerReport.objects.exists()
    assert not Activity.objects.exists()


def test_a_partners_viewer_and_the_kommun_cannot_report_for_the_partner(
    lighting, kalmarhem, kommun_editor
):
    viewer = _member("kalmarhem_lasare", kalmarhem, "viewer")
    for actor in (viewer, kommun_editor):
        with pytest.raises(PermissionDenied):
            _report(actor, lighting, kalmarhem, "started")


def test_a_named_party_without_annan_is_no_partner(partner, kalmarhem, lighting):
    lighting.responsible = ["kommun"]
    lighting.save()
    with pytest.raises(PermissionDenied):
        _report(partner, lighting, kalmarhem, "started")
    assert partner_commitments(user=partner) == []


def test_it_says_what_is_wrong_and_saves_nothing(partner, lighting, kalmarhem):
    with pytest.raises(ValidationError) as caught:
        partner_report_create(
            actor=partner,
            commitment=lighting,
            organisation=kalmarhem,
            status="almost",
            reported_on=TODAY + dt.timedelta(days=1),
            comment="x" * 2001,
        )
    errors = caught.value.message_dict
    assert set(errors) == {"status", "reported_on", "comment"}
    assert "framtiden" in errors["reported_on"][0]
    assert not PartnerReport.objects.exists()


def test_a_comment_with_a_phone_number_or_personnummer_is_refused(
    partner, lighting, kalmarhem
):
    """The comment is published as it is, so it must hold no personal numbers."""
    for comment in ("Ring Eva på 070-123 45 67", "Gäller 19850412-1234"):
        with pytest.raises(ValidationError) as caught:
            partner_report_create(
                actor=partner,
                commitment=lighting,
                organisation=kalmarhem,
                status="started",
                reported_on=TODAY,
                comment=comment,
            )
        assert "visas öppet" in caught.value.message_dict["comment"][0]
    assert not PartnerReport.objects.exists()


def test_a_partners_activity_goes_through_the_one_writer_as_theirs(
    partner, lighting, kalmarhem, berga
):
    activity = partner_activity_create(
        commitment=lighting,
        partner=kalmarhem,
        date=TODAY,
        kind="Byte av belysning",
        quantity=4,
        area=berga,
        actor=partner,
    )
    assert activity.organisation == kalmarhem
    assert activity.created_by == partner
    # The same validation as staff's activities: not in the future.
    with pytest.raises(ValidationError) as caught:
        partner_activity_create(
            commitment=lighting,
            partner=kalmarhem,
            date=TODAY + dt.timedelta(days=3),
            kind="Byte av belysning",
            actor=partner,
        )
    assert "date" in caught.value.message_dict


def test_our_commitments_lists_only_the_partners_own(
    partner, lighting, buses, walks, kalmarhem
):
    partner_report_create(
        actor=partner,
        commitment=lighting,
        organisation=kalmarhem,
        status="started",
        reported_on=TODAY - dt.timedelta(days=5),
    )
    _report(partner, lighting, kalmarhem, "half_or_more")
    rows = partner_commitments(user=partner)
    assert [r.commitment for r in rows] == [lighting]
    assert [r.status for r in rows[0].latest] == ["half_or_more"]


def test_a_reference_promise_gives_its_partner_no_rights(partner, kalmarhem, kalmar):
    reference = Promise.objects.create(
        title="Annan kommuns löfte", reference_for=kalmar
    )
    commitment = Commitment.objects.create(
        promise=reference, text="Bostadsbolaget städar.", responsible=["annan"]
    )
    commitment.other_parties.add(kalmarhem)
    assert partner_commitments(user=partner) == []


# --- Coordinator adds partner users -------------------------------------------------


def test_the_coordinator_adds_a_reporter_to_a_partner_of_its_promise(
    kommun_editor, kalmarhem, lighting
):
    user = partner_member_add(
        actor=kommun_editor,
        organisation=kalmarhem,
        username="fastighetschef",
        role="reporter",
        password="ett-langt-losenord-42",
    )
    assert user.memberships.get().organisation == kalmarhem


def test_the_coordinator_cannot_add_users_elsewhere(
    kommun_editor, other_kommun_editor, kalmarhem, lighting, nybro, kommun_viewer
):
    unrelated = _org("Annat bolag")
    for actor, organisation in (
        (kommun_editor, unrelated),  # named on none of its promises
        (kommun_editor, nybro),  # a kommun speaks for itself
        (other_kommun_editor, kalmarhem),  # not its promise
        (kommun_viewer, kalmarhem),  # a viewer administers nothing
    ):
        with pytest.raises(PermissionDenied):
            partner_member_add(
                actor=actor,
                organisation=organisation,
                username="inkraktare",
                role="reporter",
                password="ett-langt-losenord-42",
            )
    assert not User.objects.filter(username="inkraktare").exists()


def test_the_coordinator_cannot_hand_out_admin_or_an_existing_account(
    kommun_editor, kalmarhem, lighting, kommun_viewer
):
    with pytest.raises(ValidationError) as caught:
        partner_member_add(
            actor=kommun_editor,
            organisation=kalmarhem,
            username=kommun_viewer.username,
            role="admin",
            password="ett-langt-losenord-42",
        )
    assert set(caught.value.message_dict) == {"role", "username"}
    assert not kommun_viewer.memberships.filter(organisation=kalmarhem).exists()


# --- Pages --------------------------------------------------------------------------


def test_the_partner_reports_from_our_commitments(client, partner, lighting, buses):
    client.force_login(partner)
    page = client.get(reverse("followup:partner_home")).content.decode()
    assert lighting.text in page
    assert buses.text not in page
    url = reverse("followup:partner_commitment", args=[lighting.pk])
    for action, fields in (
        (
            "status",
            {
                "status": "half_or_more",
                "reported_on": TODAY.isoformat(),
                "comment": "Fyra av åtta trapphus klara.",
            },
        ),
        (
            "aktivitet",
            {"kind": "Byte av belysning", "date": TODAY.isoformat(), "quantity": 4},
        ),
    ):
        fields["organisation"] = lighting.other_parties.get().pk
        data = {f"{action}-{name}": value for name, value in fields.items()}
        assert client.post(url, {"action": action, **data}).status_code == 302
    page = client.get(url).content.decode()
    assert "Fyra av åtta trapphus klara." in page
    assert "Byte av belysning" in page


def test_the_partner_page_shows_errors_and_saves_nothing(client, partner, lighting):
    client.force_login(partner)
    url = reverse("followup:partner_commitment", args=[lighting.pk])
    response = client.post(
        url,
        {
            "action": "status",
            "status-organisation": lighting.other_parties.get().pk,
            "status-reported_on": (TODAY + dt.timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Inget sparades" in response.content.decode()
    assert not PartnerReport.objects.exists()


def test_a_partner_cannot_open_another_partners_or_the_kommuns_commitment(
    client, partner, buses, walks, promise
):
    client.force_login(partner)
    for commitment in (buses, walks):
        url = reverse("followup:partner_commitment", args=[commitment.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, {"action": "status", "status-status": "done"})
        assert response.status_code == 403
    # Nor the promise or its follow-up: a partner is no party to it.
    assert client.get(reverse("promises:edit", args=[promise.pk])).status_code == 403
    assert (
        client.get(reverse("followup:dashboard", args=[promise.pk])).status_code == 403
    )
    assert not PartnerReport.objects.exists()


def test_the_coordinator_sees_partner_reports_by_name(
    client, kommun_editor, partner, lighting, kalmarhem
):
    _report(partner, lighting, kalmarhem, "half_or_more")
    client.force_login(kommun_editor)
    page = client.get(
        reverse("followup:dashboard", args=[lighting.promise_id])
    ).content.decode()
    assert "Rapporterat av Kalmarhem" in page
    assert "Hälften eller mer" in page


def test_the_public_page_and_api_show_the_partners_report_as_theirs(
    client, partner, lighting, walks, kalmarhem, berga
):
    partner_report_create(
        actor=partner,
        commitment=lighting,
        organisation=kalmarhem,
        status="half_or_more",
        reported_on=TODAY,
        comment="Fyra av åtta trapphus klara.",
    )
    partner_activity_create(
        commitment=lighting,
        partner=kalmarhem,
        date=TODAY,
        kind="Byte av belysning",
        area=berga,
        actor=partner,
    )
    page = client.get(
        reverse("publishing:promise", args=[lighting.promise.uid])
    ).content.decode()
    assert "Rapporterat av Kalmarhem" in page
    assert "Hälften eller mer" in page
    assert "Fyra av åtta trapphus klara." in page
    assert "Utförd av Kalmarhem" in page
    rows = client.get(
        "/api/v1/commitments", {"promise": str(lighting.promise.uid)}
    ).json()["data"]
    row = next(r for r in rows if r["id"] == lighting.pk)
    assert row["partner_reported_by"] == "Kalmarhem"
    assert row["partner_status"] == "half_or_more"
    assert row["partner_reported_on"] == TODAY.isoformat()
    others = [r for r in rows if r["id"] != lighting.pk]
    assert others and all(r["partner_status"] is None for r in others)


# --- Exchange -----------------------------------------------------------------------


def test_the_partner_survives_a_json_round_trip_with_its_reports(
    partner, lighting, kalmarhem, kalmar, lpo_kalmar
):
    from medborgarloften.promises.exchange import promise_to_record
    from medborgarloften.promises.services import promise_load_record

    _report(partner, lighting, kalmarhem, "started")
    record = promise_to_record(lighting.promise)
    mine = next(c for c in record["commitments"] if c["text"] == lighting.text)
    assert mine["responsible"] == ["annan"]
    assert mine["other_parties"] == ["Kalmarhem"]

    # Loaded again by its id: the same partner, its reports and rights intact.
    promise = promise_load_record(record=record, source="fil:lofte.json")
    reloaded = promise.commitments.get(text=lighting.text)
    assert list(reloaded.other_parties.all()) == [kalmarhem]
    assert [r.commitment for r in partner_commitments(user=partner)] == [reloaded]
    assert reloaded.partner_reports.get().status == "started"
    assert promise_to_record(promise)["commitments"] == record["commitments"]


def test_the_coordinator_adds_a_partner_user_from_the_promise_page(
    client, kommun_editor, kalmarhem, lighting, partner
):
    client.force_login(kommun_editor)
    detail = client.get(
        reverse("promises:detail", args=[lighting.promise_id])
    ).content.decode()
    url = reverse("followup:partner_members", args=[kalmarhem.pk])
    assert url in detail
    assert "partner" in client.get(url).content.decode()  # the existing member
    response = client.post(
        url,
        {
            "username": "forvaltare",
            "role": "reporter",
            "password": "ett-langt-losenord-42",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="forvaltare").organisation == (
        kalmarhem
    )
    # A taken name is refused on the form, nothing created.
    response = client.post(
        url, {"username": "partner", "role": "reporter", "password": "x-y-z-12345"}
    )
    assert response.status_code == 200
    assert "upptaget" in response.content.decode()


def test_a_partner_cannot_add_users_to_its_own_or_another_organisation(
    client, partner, kalmarhem, lighting, kalmar
):
    client.force_login(partner)
    for organisation in (kalmarhem, kalmar):
        url = reverse("followup:partner_members", args=[organisation.pk])
        assert client.get(url).status_code == 403
        response = client.post(
            url,
            {"username": "x", "role": "reporter", "password": "ett-langt-losenord"},
        )
        assert response.status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_partner_reports_cost_the_public_page_no_query_per_commitment(
    client, partner, lighting, kalmarhem, kalmar, lpo_kalmar
):
    """One partner commitment or four: the same number of queries."""
    _report(partner, lighting, kalmarhem, "started")
    larger = Promise.objects.create(
        title="Trygga trapphus",
        period_start=lighting.promise.period_start,
        period_end=lighting.promise.period_end,
        status="published",
    )
    larger.parties.add(kalmar, lpo_kalmar)
    for n in range(4):
        more = Commitment.objects.create(
            promise=larger,
            text=f"Kalmarhem åtgärdar port {n}.",
            responsible=["annan"],
            position=n,
        )
        more.other_parties.add(kalmarhem)
        _report(partner, more, kalmarhem, "done")
    counts, pages = [], []
    for promise in (lighting.promise, larger):
        with CaptureQueriesContext(connection) as queries:
            pages.append(
                client.get(
                    reverse("publishing:promise", args=[promise.uid])
                ).content.decode()
            )
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert [p.count("Rapporterat av Kalmarhem") for p in pages] == [1, 4]


def test_the_promise_list_sends_a_partner_to_our_commitments(client, partner):
    """A partner has no kommun promises to work on: /personal/ (and so the login)
    leads to its own commitments instead of an empty list."""
    client.force_login(partner)
    response = client.get(reverse("promises:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:partner_home")


def test_the_promise_list_stays_for_a_partner_in_a_kommun(
    client, partner, kalmar, promise
):
    Membership.objects.create(user=partner, organisation=kalmar, role="viewer")
    client.force_login(partner)
    response = client.get(reverse("promises:list"))
    assert response.status_code == 200
    assert promise.title in response.content.decode()


def test_the_promise_list_stays_for_a_superuser(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("promises:list")).status_code == 200


# --- The partner's status as the reported status ------------------------------------


@pytest.mark.django_db
def test_the_partners_report_is_the_reported_status_unless_a_party_reported_later(
    partner, lighting, kalmarhem, promise
):
    from django.template.loader import render_to_string
    from django.utils import timezone

    from medborgarloften.followup.evidence import evidence_rows
    from medborgarloften.followup.models import Assessment

    _report(partner, lighting, kalmarhem, "done")

    def reported():
        rows = evidence_rows(promise=promise, indicators=False)
        (row,) = [r for r in rows if r.row.commitment.pk == lighting.pk]
        return row

    row = reported()
    assert row.reported_label == (
        f"Genomfört (rapporterat av Kalmarhem, {TODAY.isoformat()})"
    )
    html = render_to_string(
        "followup/_evidence_table.html", {"rows": [row], "staff": False}
    )
    assert "Ingen rapporterad status" not in html
    assert "rapporterat av Kalmarhem" in html

    # A status the parties set after the partner's day is the reported one.
    Assessment.objects.create(commitment=lighting, manual_status="behind")
    assert reported().reported_label == "Försenat"
    # One set before it gives way to the partner's newer report.
    Assessment.objects.filter(commitment=lighting).update(
        updated_at=timezone.make_aware(dt.datetime(2025, 1, 2, 12))
    )
    assert reported().partner is not None
    assert "Kalmarhem" in reported().reported_label


def test_a_partners_api_token_logs_on_its_own_commitment_as_on_its_page(
    client, partner, lighting, buses, kalmarhem
):
    """The API applies the partner page's rule: a housing company's token logs an
    activity on the commitment it is named on, never on another partner's."""
    import json

    from medborgarloften.publishing.api.services import api_token_create

    raw = api_token_create(user=partner, organisation=kalmarhem)[1]

    def post(commitment):
        body = {"commitment_id": commitment.pk, "date": "2025-06-01", "kind": "Byte"}
        return client.post(
            "/api/v1/activities",
            data=json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )

    response = post(lighting)
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.organisation == kalmarhem and activity.created_by == partner
    refused = post(buses)
    assert refused.status_code == 403
    assert Activity.objects.filter(commitment=buses).count() == 0


def test_our_commitments_fit_a_phone_and_link_the_public_page(
    client, partner, lighting, promise
):
    """The list stacks into one card per row on a narrow screen (each cell named by
    its column), and the commitment's page links the promise's public page."""
    client.force_login(partner)
    page = client.get(reverse("followup:partner_home")).content.decode()
    assert 'class="table stack-narrow"' in page
    assert page.count("data-label=") == 3
    commitment_page = client.get(
        reverse("followup:partner_commitment", args=[lighting.pk])
    ).content.decode()
    assert reverse("publishing:promise", args=[promise.uid]) in commitment_page


def test_a_status_report_is_dated_inside_the_promise_period(
    partner, lighting, kalmarhem
):
    """ "Läget per" a day before the promise began is refused as an activity's date
    outside the period is, with the same message."""
    with pytest.raises(ValidationError) as caught:
        _report(partner, lighting, kalmarhem, reported_on=dt.date(2019, 1, 1))
    (message,) = caught.value.message_dict["reported_on"]
    assert "2019-01-01 ligger utanför löftets period 2025-01-01 – 2026-12-31" in message
    assert not PartnerReport.objects.exists()
    assert _report(partner, lighting, kalmarhem, reported_on=dt.date(2025, 1, 1))
