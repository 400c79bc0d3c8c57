"""The coordinator's routing rules and answer templates: staff pages scoped to the
kommun, clear messages, nothing half-saved; owners see only their own cases."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from medborgarloften.places.models import Area

from ..models import AnswerTemplate, Case, RoutingRule
from ..routing import answer_template_save, routing_rule_delete, routing_rule_save
from ..services import case_create
from .conftest import KALMAR_POINT, member

pytestmark = pytest.mark.django_db
THEME = "trygghet_offentlig_miljo"


def _rule(kalmar, actor, owner, **kwargs):
    values = {"theme": THEME, "area": None, "owner": owner, "days": 10}
    values.update(kwargs)
    return routing_rule_save(actor=actor, kommun=kalmar, **values)


def test_a_saved_rule_routes_new_cases(kalmar, kommun_editor, bostadsbolag, berga):
    _rule(kalmar, kommun_editor, bostadsbolag, area=berga, days=5)
    case = case_create(
        kommun=kalmar,
        source="form",
        theme=THEME,
        text="Trasig lampa i trapphuset.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )
    assert case.owner == bostadsbolag
    # Days count from the day the case came in, in Sweden (not the UTC date, which
    # is the day before between midnight and 01:00/02:00 Swedish time).
    assert (case.due_on - timezone.localdate(case.created_at)).days == 5


def test_every_problem_is_named_at_once_and_nothing_saved(kalmar, nybro, kommun_editor):
    other_area = Area.objects.create(kommun=nybro, name="Nybro centrum")
    with pytest.raises(ValidationError) as caught:
        _rule(kalmar, kommun_editor, nybro, theme="x", area=other_area, days=0)
    assert set(caught.value.message_dict) == {"theme", "area", "owner", "days"}
    assert "En annan kommun kan inte ta emot" in caught.value.message_dict["owner"][0]
    assert not RoutingRule.objects.exists()


def test_a_second_rule_for_the_same_theme_and_area_is_refused(
    kalmar, kommun_editor, bostadsbolag, gatukontoret
):
    rule = _rule(kalmar, kommun_editor, bostadsbolag)
    with pytest.raises(ValidationError) as caught:
        _rule(kalmar, kommun_editor, gatukontoret)
    assert "Det finns redan en regel" in caught.value.messages[0]
    # Changing the rule itself is not a duplicate.
    changed = _rule(kalmar, kommun_editor, gatukontoret, rule=rule, days=3)
    assert (changed.pk, changed.owner, changed.days) == (rule.pk, gatukontoret, 3)


def test_another_kommuns_editor_may_not_write_or_delete(
    kalmar, kommun_editor, other_kommun_editor, bostadsbolag
):
    rule = _rule(kalmar, kommun_editor, bostadsbolag)
    with pytest.raises(PermissionDenied):
        _rule(kalmar, other_kommun_editor, bostadsbolag, theme="")
    with pytest.raises(PermissionDenied):
        routing_rule_delete(actor=other_kommun_editor, rule=rule)
    assert RoutingRule.objects.count() == 1


def test_the_coordinator_creates_edits_and_deletes_a_rule_on_the_pages(
    client, kalmar, kommun_editor, bostadsbolag, gatukontoret, berga
):
    client.force_login(kommun_editor)
    assert (
        'href="/personal/arenden/0880/regler/"'
        in client.get(reverse("cases:staff_list")).content.decode()
    )
    new = reverse("cases:rule_new", args=["0880"])
    page = client.get(new).content.decode()
    assert "Kalmarhem" in page and "Nybro kommun" not in page
    response = client.post(
        new,
        {"theme": THEME, "area": berga.pk, "owner": bostadsbolag.pk, "days": "7"},
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    assert (rule.kommun, rule.area, rule.owner, rule.days) == (
        kalmar,
        berga,
        bostadsbolag,
        7,
    )
    listing = client.get(reverse("cases:rules", args=["0880"])).content.decode()
    assert "Kalmarhem" in listing and "Berga" in listing
    edit = reverse("cases:rule_edit", args=["0880", rule.pk])
    client.post(edit, {"theme": "", "area": "", "owner": gatukontoret.pk, "days": "3"})
    rule.refresh_from_db()
    assert (rule.theme, rule.area, rule.owner, rule.days) == ("", None, gatukontoret, 3)
    client.post(reverse("cases:rule_delete", args=["0880", rule.pk]))
    assert not RoutingRule.objects.exists()


def test_a_bad_rule_comes_back_with_the_message_beside_the_field(
    client, kalmar, kommun_editor
):
    client.force_login(kommun_editor)
    response = client.post(
        reverse("cases:rule_new", args=["0880"]),
        {"theme": THEME, "area": "", "owner": "", "days": "400"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Välj vem som ska få ärendena." in body
    assert "1–365" in body
    assert not RoutingRule.objects.exists()


def test_another_kommuns_rule_is_not_found_under_this_kommun(
    client, kalmar, nybro, kommun_editor, bostadsbolag, superuser
):
    theirs = routing_rule_save(
        actor=superuser,
        kommun=nybro,
        theme="",
        area=None,
        owner=bostadsbolag,
        days=14,
    )
    client.force_login(kommun_editor)
    for name in ("rule_edit", "rule_delete"):
        assert (
            client.get(reverse(f"cases:{name}", args=["0880", theirs.pk])).status_code
            == 404
        )
        assert (
            client.post(reverse(f"cases:{name}", args=["0880", theirs.pk])).status_code
            == 404
        )
    assert client.get(reverse("cases:rules", args=["0881"])).status_code == 403
    assert RoutingRule.objects.get() == theirs


def test_owners_and_readers_do_not_reach_the_setup_pages(
    client, kalmar, owner_user, kommun_viewer
):
    for user in (owner_user, kommun_viewer):
        client.force_login(user)
        for name in ("rules", "rule_new", "templates", "template_new"):
            assert (
                client.get(reverse(f"cases:{name}", args=["0880"])).status_code == 403
            )


def test_templates_are_written_for_the_kommun_and_shown_to_the_owner(
    client, kalmar, kommun_editor, owner_user, bostadsbolag, gatukontoret, rules, berga
):
    answer_template_save(
        actor=kommun_editor,
        kommun=kalmar,
        organisation=None,
        title="Tack för tipset",
        text="Tack! Vi tittar på platsen inom två veckor.",
    )
    answer_template_save(
        actor=kommun_editor,
        kommun=kalmar,
        organisation=gatukontoret,
        title="Gatubelysning",
        text="Vi byter lampan.",
    )
    case = case_create(
        kommun=kalmar,
        source="form",
        theme=THEME,
        text="Mörkt vid lekplatsen.",
        area=berga,
    )
    assert case.owner == bostadsbolag
    client.force_login(owner_user)
    page = client.get(reverse("cases:staff_detail", args=[case.pk])).content.decode()
    assert "Tack för tipset" in page and "Gatubelysning" not in page


def test_the_template_pages_create_edit_and_delete(client, kalmar, kommun_editor):
    client.force_login(kommun_editor)
    new = reverse("cases:template_new", args=["0880"])
    response = client.post(new, {"organisation": "", "title": "", "text": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv en rubrik." in body and "Skriv mallens text." in body
    client.post(new, {"organisation": "", "title": "Tack", "text": "Tack för tipset."})
    template = AnswerTemplate.objects.get()
    assert template.kommun == kalmar and template.organisation is None
    edit = reverse("cases:template_edit", args=["0880", template.pk])
    client.post(edit, {"organisation": "", "title": "Tack!", "text": "Tack."})
    template.refresh_from_db()
    assert (template.title, template.text) == ("Tack!", "Tack.")
    listing = client.get(reverse("cases:templates", args=["0880"])).content.decode()
    assert "Tack!" in listing
    client.post(reverse("cases:template_delete", args=["0880", template.pk]))
    assert not AnswerTemplate.objects.exists()


def test_an_owner_sees_only_the_cases_routed_to_it(
    client, kalmar, rules, berga, owner_user
):
    theirs = case_create(
        kommun=kalmar, source="form", theme=THEME, text="Berga: mörkt.", area=berga
    )
    other = case_create(
        kommun=kalmar, source="form", theme="skadegorelse", text="Klotter i stan."
    )
    assert theirs.owner != other.owner
    client.force_login(owner_user)
    listing = client.get(reverse("cases:staff_list")).content.decode()
    assert "Berga: mörkt." in listing and "Klotter i stan." not in listing
    assert client.get(reverse("cases:staff_detail", args=[other.pk])).status_code == 404
    assert Case.objects.count() == 2
    assert "regler" not in listing  # no set-up links for an owner


def test_an_owners_admin_may_not_write_the_kommuns_rules(kalmar, bostadsbolag):
    admin = member("kalmarhem_admin", bostadsbolag, "admin")
    with pytest.raises(PermissionDenied):
        routing_rule_save(
            actor=admin, kommun=kalmar, theme="", area=None, owner=bostadsbolag, days=1
        )


def test_the_owner_starts_the_answer_from_a_template(
    client, kalmar, nybro, superuser, kommun_editor, owner_user, rules, berga
):
    template = answer_template_save(
        actor=kommun_editor,
        kommun=kalmar,
        organisation=None,
        title="Vi åtgärdar",
        text="Tack! Vi åtgärdar det inom en vecka.",
    )
    case = case_create(
        kommun=kalmar, source="form", theme=THEME, text="Trasig lampa.", area=berga
    )
    client.force_login(owner_user)
    url = reverse("cases:staff_detail", args=[case.pk])
    page = client.get(url, {"mall": template.pk}).content.decode()
    assert "Tack! Vi åtgärdar det inom en vecka.</textarea>" in page
    # Another kommun's template cannot be pulled in by its number.
    theirs = answer_template_save(
        actor=superuser,
        kommun=nybro,
        organisation=None,
        title="Nybros mall",
        text="Nybros interna svar.",
    )
    other = client.get(url, {"mall": theirs.pk}).content.decode()
    assert "Nybros interna svar." not in other


def test_a_superuser_finds_each_kommun_with_cases_once(
    client, kalmar, superuser, rules
):
    for text in ("Mörkt vid skolan.", "Klotter vid torget."):
        case_create(kommun=kalmar, source="form", theme=THEME, text=text)
    client.force_login(superuser)
    listing = client.get(reverse("cases:staff_list")).content.decode()
    assert listing.count('href="/personal/arenden/0880/regler/"') == 1
