"""The import page's "Tidigare importer": every import the user may see, web and
command line, a page at a time, each with how it was made."""

from __future__ import annotations

from django.urls import reverse

from medborgarloften.documents.services import document_store, extraction_run_create
from medborgarloften.documents.views import IMPORTS_PER_PAGE

IMPORT_URL = reverse("documents:import")


def _run(name: str, *, kommun=None, source="import"):
    document, _created = document_store(
        data=name.encode(), text=name, original_name=name, kommun=kommun
    )
    return extraction_run_create(document=document, record={}, source=source)


def test_a_national_admin_sees_every_import_with_its_channel(superuser, kalmar, client):
    cli = _run("kommandorad.txt")  # the command line, without --kommun
    web = _run("webb.txt", kommun=kalmar, source="granskning")
    client.force_login(superuser)
    page = client.get(IMPORT_URL)
    rows = {row["run"].pk: str(row["channel"]) for row in page.context["runs"]}
    assert rows == {cli.pk: "Kommandorad", web.pk: "Webb"}


def test_the_list_is_paged(superuser, kalmar, client):
    for number in range(IMPORTS_PER_PAGE + 3):
        _run(f"dokument-{number}.txt", kommun=kalmar)
    client.force_login(superuser)
    first = client.get(IMPORT_URL)
    assert len(first.context["runs"]) == IMPORTS_PER_PAGE
    assert "?sida=2" in first.content.decode()
    second = client.get(IMPORT_URL, {"sida": 2})
    assert len(second.context["runs"]) == 3


def test_an_editor_sees_only_their_kommuns_imports(
    kommun_editor, kalmar, nybro, client
):
    own = _run("kalmar.txt", kommun=kalmar, source="granskning")
    _run("nybro.txt", kommun=nybro)
    _run("utan-kommun.txt")
    client.force_login(kommun_editor)
    page = client.get(IMPORT_URL)
    assert [row["run"].pk for row in page.context["runs"]] == [own.pk]
