"""schemathesis against the OpenAPI description the application serves: every
operation, valid and invalid input, through the Django WSGI app, with no failures
(server errors, undocumented status codes or content types, responses that do not
match their schema).

The description is fetched from the running WSGI app when the module is collected
(it needs no database); schemathesis' lazy ``from_fixture`` loader does not run on
pytest 9 yet, so the data comes from an autouse fixture instead.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from .apidata import build
from .apidata_plans import build_plans

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes database connections after each request, which on
    PostgreSQL would end the test's transaction; Django's test client switches this
    off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def data(superuser, kalmar, lpo_kalmar, nybro):
    api = build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)
    build_plans(actor=superuser, kalmar=kalmar, promise=api.published)
    return api


#: Pairs of query parameters that only make sense one way round: the interval's
#: start not after its end (docs/api.md; otherwise a documented 400).
RANGES = (("period_from", "period_to"), ("date_from", "date_to"))


def filter_query(ctx, query):
    """Constraints between parameters, which OpenAPI cannot state: an interval from
    its start to its end, and ``tema`` (the old name of ``theme``) not with
    ``theme``. Without them a schema-valid query may rightly be a 400."""
    if not isinstance(query, dict):
        return True
    if "theme" in query and "tema" in query:
        return False
    for start, end in RANGES:
        low, high = query.get(start), query.get(end)
        if isinstance(low, str) and isinstance(high, str) and low > high:
            return False
    return True


@pytest.mark.django_db
@schema.hooks.apply(filter_query)
@schema.parametrize()
@settings(
    max_examples=20,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_it_keeps_the_served_openapi_contract(case):
    case.call_and_validate()
