"""The public report pages are publishing's, public addresses outside /personal/
(issue #15 item 5); the addresses they were first published under redirect there
for good; followup keeps only staff pages."""

import uuid

import pytest
from django.urls import NoReverseMatch, resolve, reverse


@pytest.mark.parametrize("name", ["report", "report_pdf", "report_docx"])
def test_it_serves_the_public_report_urls_from_publishing(name):
    uid = uuid.uuid4()
    url = reverse(f"publishing:{name}", args=[uid])
    assert url.startswith(f"/rapport/{uid}/")
    match = resolve(url)
    assert match.namespace == "publishing"
    assert match.func.__module__ == "medborgarloften.publishing.views_reports"


def test_it_leaves_followup_no_public_report_route():
    with pytest.raises(NoReverseMatch):
        reverse("followup:public_report", args=[uuid.uuid4()])


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_report(client):
    response = client.get(reverse("publishing:report", args=[uuid.uuid4()]))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "pdf/", "docx/"])
def test_the_first_addresses_redirect_for_good(
    client, superuser, kalmar, lpo_kalmar, nybro, suffix
):
    from .apidata import build

    data = build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)
    uid = data.report.uid
    response = client.get(f"/personal/uppfoljning/rapport/{uid}/{suffix}")
    assert response.status_code == 301
    assert response["Location"] == f"/rapport/{uid}/{suffix}"
    # a draft's or an unknown uid: not found there either, and only reads
    for hidden in (data.draft_report.uid, uuid.uuid4()):
        assert (
            client.get(f"/personal/uppfoljning/rapport/{hidden}/{suffix}").status_code
            == 404
        )
    assert (
        client.post(f"/personal/uppfoljning/rapport/{uid}/{suffix}").status_code == 405
    )
