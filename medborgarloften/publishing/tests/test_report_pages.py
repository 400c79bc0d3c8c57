"""The public report pages are publishing's, at the URLs they were first published
under (issue #15 item 5); followup keeps only staff pages."""

import uuid

import pytest
from django.urls import NoReverseMatch, resolve, reverse


@pytest.mark.parametrize("name", ["report", "report_pdf", "report_docx"])
def test_it_serves_the_public_report_urls_from_publishing(name):
    uid = uuid.uuid4()
    url = reverse(f"publishing:{name}", args=[uid])
    assert url.startswith(f"/personal/uppfoljning/rapport/{uid}/")
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
