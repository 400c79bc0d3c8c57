"""The same promise imported twice: the same file again goes back to its open review
(or links the draft it became), and a review warns of a promise of the same kommun
with the same title and period (the Word file, its PDF and a scan of it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medborgarloften.documents.models import ExtractionRun
from medborgarloften.promises.models import Promise

from .test_review_views import (  # noqa: F401 - fixture
    PROMISE_TEXT,
    _form_data,
    _review,
    _upload,
    _uploaded_run,
    editor_client,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _draft(client, run) -> Promise:
    data = _form_data(_review(client, run))
    data["create"] = "1"
    response = client.post(reverse("documents:review", args=[run.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Promise.objects.get()


def test_the_same_file_again_returns_to_its_open_review(
    editor_client,  # noqa: F811
    kalmar,
):
    run = _uploaded_run(editor_client, kalmar)
    response = _upload(editor_client, PROMISE_TEXT.encode(), kommun=kalmar.pk)
    assert response.status_code == 302
    assert response.url == reverse("documents:review", args=[run.pk])
    assert ExtractionRun.objects.count() == 1  # no second row "Inte skapat"
    page = editor_client.get(response.url).content.decode()
    assert "Samma dokument har importerats förut; det återanvänds." in page


def test_the_same_file_after_its_draft_links_the_draft(
    editor_client,  # noqa: F811
    kalmar,
):
    run = _uploaded_run(editor_client, kalmar)
    promise = _draft(editor_client, run)
    response = _upload(editor_client, PROMISE_TEXT.encode(), kommun=kalmar.pk)
    assert response.status_code == 302
    page = editor_client.get(response.url).content.decode()
    detail = reverse("promises:detail", args=[promise.pk])
    assert "Samma dokument har importerats förut och blev då utkastet" in page
    assert f'<a href="{detail}">{promise.title}</a>' in page


def test_a_review_warns_of_a_promise_with_the_same_kommun_title_and_period(
    editor_client,  # noqa: F811
    kalmar,
):
    promise = _draft(editor_client, _uploaded_run(editor_client, kalmar))
    # The same promise in another format: other bytes, the same words.
    response = _upload(
        editor_client,
        (PROMISE_TEXT + "\n\nSida 1 av 1\n").encode(),
        name="kalmar-2031.pdf.txt",
        kommun=kalmar.pk,
    )
    assert response.status_code == 302
    page = editor_client.get(response.url).content.decode()
    assert "Löftet kan redan finnas" in page
    detail = reverse("promises:detail", args=[promise.pk])
    assert f'<a href="{detail}">{promise.title}</a>' in page


def test_a_review_does_not_warn_of_another_period(
    editor_client,  # noqa: F811
    kalmar,
):
    promise = _draft(editor_client, _uploaded_run(editor_client, kalmar))
    Promise.objects.filter(pk=promise.pk).update(
        period_start=promise.period_start.replace(year=2001),
        period_end=promise.period_end.replace(year=2002),
    )
    response = _upload(
        editor_client, (PROMISE_TEXT + "\n\n").encode() + b"x", kommun=kalmar.pk
    )
    page = editor_client.get(response.url).content.decode()
    assert "Löftet kan redan finnas" not in page
