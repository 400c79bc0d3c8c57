"""form_saved and form_submit (a view's valid form -> service -> errors on the
form) and the reminder commands' --today option."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import timezone

from medborgarloften.lib.commands import today_option
from medborgarloften.lib.forms import calling, form_saved, form_submit, service_done


class TitleForm(forms.Form):
    title = forms.CharField(label="Titel")


def _request() -> Any:
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_form_saved_calls_the_service_with_the_cleaned_data_and_says_so() -> None:
    request, calls = _request(), []
    form = TitleForm({"title": " Ny "})
    assert form_saved(request, form, calls.append, "Sparat.")
    assert calls == [{"title": "Ny"}]
    assert [str(m) for m in get_messages(request)] == ["Sparat."]


def test_form_saved_puts_the_service_error_on_the_form_and_says_nothing() -> None:
    request = _request()
    form = TitleForm({"title": "Ny"})

    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError({"title": "Titeln finns redan."})

    assert not form_saved(request, form, refuse, "Sparat.")
    assert form.errors["title"] == ["Titeln finns redan."]
    assert list(get_messages(request)) == []


def test_form_saved_does_not_call_the_service_for_an_invalid_form() -> None:
    calls: list[dict[str, Any]] = []
    assert not form_saved(_request(), TitleForm({}), calls.append)
    assert calls == []


def test_form_submit_hands_back_what_the_service_returned() -> None:
    request = _request()
    saved = form_submit(request, TitleForm({"title": "Ny"}), lambda d: d["title"] * 2)
    assert saved is not None and saved.value == "NyNy"
    assert list(get_messages(request)) == []


def test_form_submit_tells_a_saved_none_from_a_refusal() -> None:
    assert form_submit(_request(), TitleForm({"title": "Ny"}), lambda d: None)
    assert form_submit(_request(), TitleForm({}), lambda d: None) is None


def test_form_submit_never_saves_an_unbound_form() -> None:
    calls: list[dict[str, Any]] = []
    assert form_submit(_request(), TitleForm(), calls.append) is None
    assert calls == []


def test_service_done_says_what_it_did_and_hands_back_the_result() -> None:
    request = _request()
    done = service_done(request, lambda: 42, "Publicerad.")
    assert done is not None and done.value == 42
    assert [str(m) for m in get_messages(request)] == ["Publicerad."]


def test_service_done_turns_each_refusal_into_an_error_message() -> None:
    request = _request()

    def refuse() -> None:
        raise ValidationError(["Saknar titel.", "Saknar datum."])

    assert service_done(request, refuse, "Publicerad.") is None
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("error", "Saknar titel."),
        ("error", "Saknar datum."),
    ]


def test_calling_hands_the_fixed_keywords_and_the_cleaned_data_to_the_service() -> None:
    def title_set(*, actor: str, title: str) -> str:
        return f"{actor}: {title}"

    saved = form_submit(
        _request(), TitleForm({"title": " Ny "}), calling(title_set, actor="anna")
    )
    assert saved is not None and saved.value == "anna: Ny"


def test_today_option_reads_the_date_or_takes_today() -> None:
    assert today_option({"today": "2025-03-01"}) == dt.date(2025, 3, 1)
    assert today_option({"today": None}) == timezone.localdate()
    with pytest.raises(CommandError, match="är inget datum"):
        today_option({"today": "1 mars"})
