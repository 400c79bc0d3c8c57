"""permitted: the object when the user may, else a 403 that says why."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from medborgarloften.lib.access import permitted, recorded_actor


def _owner_only(user: Any, obj: dict[str, str]) -> bool:
    return obj["owner"] == user


def test_it_hands_back_the_object_the_user_may_see() -> None:
    thing = {"owner": "anna", "name": "Torget"}
    assert permitted("anna", thing, _owner_only, "Inte din.") is thing


def test_it_refuses_with_the_message() -> None:
    with pytest.raises(PermissionDenied, match="Inte din."):
        permitted("bo", {"owner": "anna", "name": "Torget"}, _owner_only, "Inte din.")


def test_a_message_may_name_the_object() -> None:
    with pytest.raises(PermissionDenied, match="Bara anna får ändra Torget."):
        permitted(
            "bo",
            {"owner": "anna", "name": "Torget"},
            _owner_only,
            lambda obj: f"Bara {obj['owner']} får ändra {obj['name']}.",
        )


def test_recorded_actor_is_the_signed_in_user_or_none() -> None:
    user = SimpleNamespace(is_authenticated=True)
    visitor = SimpleNamespace(is_authenticated=False)
    assert recorded_actor(user) is user
    assert recorded_actor(visitor) is None
    assert recorded_actor(None) is None
