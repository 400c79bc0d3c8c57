"""Beyond one machine (docs/deploy.md "Several machines"): two ``serve --production``
processes, each with its own data directory, behind one nginx upstream, sharing
PostgreSQL (with the replica router on), Redis for the page cache and rate limits,
one SECRET_KEY and one MEDIA_ROOT. A visitor signed in through one app server stays
signed in on the other, with no sticky sessions, and the site keeps answering when
one app server stops.

The replica alias points at the primary database here: replication itself is the
database server's work (docs/deploy.md); tests/test_replica.py shows with two
databases that public reads go to the replica.
"""

from __future__ import annotations

import os
import uuid

import pytest

from tests import deployment
from tests.conformance_tools import missing_tool
from tests.test_deploy_e2e import _sign_in
from tests.test_redis import _redis_or_skip

pytestmark = pytest.mark.slow

POSTGRES = os.environ.get(
    "MEDBORGARLOFTEN_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432"
)


@pytest.fixture(scope="module")
def database():
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        missing_tool("psycopg saknas / is not installed")
    name = f"mbl_cluster_test_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(
            f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        missing_tool(
            f"PostgreSQL på / at {POSTGRES} svarar inte / is not available: {exc}"
        )
    yield f"{POSTGRES}/{name}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, database):
    if deployment.nginx_binary() is None:
        pytest.fail("nginx is not installed: apt-get install nginx-light (.ci/run)")
    _redis_or_skip()
    root = tmp_path_factory.mktemp("cluster")
    https_port = deployment.free_port()
    shared = {
        "DATABASE_URL": database,
        "DATABASE_REPLICA_URL": database,
        "CACHE_URL": "redis://127.0.0.1:6379/12",
        "MEDIA_ROOT": str(root / "shared-media"),
        "CSRF_TRUSTED_ORIGINS": f"https://{deployment.SITE_NAME}:{https_port}",
    }
    envs = []
    for name in ("app1", "app2"):
        (root / name).mkdir()
        envs.append(deployment.production_env(root / name, **shared))
    deployment.prepare_site(envs[0], demo=True)
    deployment.manage(
        envs[1], "manage", "collectstatic", "--noinput", "--verbosity", "0"
    )
    first = deployment.start_server(envs[0], "--threads", "4")
    try:
        with (
            deployment.running_server(envs[1], "--threads", "4") as second,
            deployment.running_nginx(
                root / "nginx", [first.port, second.port], https_port=https_port
            ) as nginx,
        ):
            yield first, second, nginx
    finally:
        first.stop()


def test_a_session_holds_across_app_servers_and_survives_one_stopping(cluster):
    first, second, nginx = cluster
    browser = deployment.Browser(nginx.https_port, nginx.cert)
    _sign_in(browser)
    # Round robin over both servers: each must know the session (shared database,
    # shared SECRET_KEY); no request may fail.
    for _ in range(6):
        staff = browser.get("/personal/")
        assert staff.status == 200 and 'action="/konto/logga-ut/"' in staff.text
        public = browser.get("/kommun/0880/")
        assert public.status == 200 and "Kalmar" in public.text
    api = browser.get("/api/v1/promises?kommun=0880")
    assert api.status == 200 and "https://" in api.text

    first.stop()
    for _ in range(4):
        staff = browser.get("/personal/")
        assert staff.status == 200 and 'action="/konto/logga-ut/"' in staff.text
        assert browser.get("/kommun/0880/").status == 200
    assert second.process.poll() is None
