"""Fixtures shared by the publishing tests."""

from __future__ import annotations

import pytest

from medborgarloften.publishing import views


@pytest.fixture
def builds(monkeypatch):
    """Counts the kommun page's builds; ``during`` runs inside the first one (while
    its rebuild lock is held) and keeps what it answered."""
    real = views.kommun_public_promises
    state: dict = {"count": 0, "during": None, "answers": []}

    def counted(**kwargs):
        state["count"] += 1
        if state["count"] == 1 and state["during"] is not None:
            state["answers"] = state["during"]()
        return real(**kwargs)

    monkeypatch.setattr(views, "kommun_public_promises", counted)
    return state
