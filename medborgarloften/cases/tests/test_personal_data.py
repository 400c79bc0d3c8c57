import pytest
from django.core.management import call_command

from ..models import Case, CaseSource
from ..services import case_create

pytestmark = pytest.mark.django_db


def test_forget_erases_a_residents_address_and_name_in_case_text(kalmar, capsys):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trafik",
        text="Anna Bergström här: bilar kör för fort på Storgatan.",
        email="anna@example.org",
    )
    other = case_create(
        kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="Fortkörning."
    )
    call_command("forget", "--email", "anna@example.org", "--name", "Anna Bergström")
    case.refresh_from_db()
    assert case.email == "" and not case.email_confirmed
    assert "Anna Bergström" not in case.text
    assert "Storgatan" in case.text
    assert Case.objects.get(pk=other.pk).text == "Fortkörning."
    assert "cases.case.email" in capsys.readouterr().out
