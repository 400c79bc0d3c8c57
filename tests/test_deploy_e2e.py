"""The deploy example as a whole: nginx with deploy/nginx.conf in front of
``serve --production``, spoken to over HTTPS as a browser would (issue #13, C1).

The suite had tested the application in-process and the configuration files on
their own; only this path showed that the documented set-up answered every request
with a redirect to itself. nginx and openssl are required (`.ci/run` installs
nginx-light), like the browser tests require chromium.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from medborgarloften.operations.demo import DEMO_MAIN_USER, DEMO_PASSWORD
from tests import deployment

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo installation served as docs/deploy.md describes; yields nginx."""
    if deployment.nginx_binary() is None:
        pytest.fail("nginx is not installed: apt-get install nginx-light (.ci/run)")
    root = tmp_path_factory.mktemp("deployed")
    https_port = deployment.free_port()
    env = deployment.production_env(
        root / "data",
        # The public origin, as in deploy/medborgarloften.env; the test's port is in it
        # because a browser's Origin names the port and nginx's $host does not.
        CSRF_TRUSTED_ORIGINS=f"https://{deployment.SITE_NAME}:{https_port}",
    )
    (root / "data").mkdir()
    deployment.prepare_site(env, demo=True)
    with (
        deployment.running_server(env, "--threads", "8") as server,
        deployment.running_nginx(
            root / "nginx", server.port, https_port=https_port
        ) as nginx,
    ):
        yield nginx
        errors = [
            line
            for line in nginx.error_log().splitlines()
            if "[error]" in line or "[crit]" in line or "[emerg]" in line
        ]
        assert errors == [], errors


@pytest.fixture
def browser(site):
    return deployment.Browser(site.https_port, site.cert)


def test_it_sends_plain_http_to_https(site):
    request = urllib.request.Request(
        f"http://127.0.0.1:{site.http_port}/kommun/0880/?a=1",
        headers={"Host": deployment.SITE_NAME},
    )

    class Stop(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(Stop).open(request, timeout=30)
    assert answer.value.code == 301
    assert answer.value.headers["Location"] == (
        f"https://{deployment.SITE_NAME}/kommun/0880/?a=1"
    )


def test_public_pages_answer_over_https(browser):
    home = browser.get("/")
    assert home.status == 200, (home.status, home.header("Location"))
    assert "Kalmar" in home.text
    assert home.header("Strict-Transport-Security").startswith("max-age=31536000")
    assert "script-src 'self'" in home.header("Content-Security-Policy")
    kommun = browser.get("/kommun/0880/")
    assert kommun.status == 200
    promise = re.search(r'href="(/lofte/[0-9a-f-]{36}/)"', kommun.text)
    assert promise, "the kommun page links no promise"
    page = browser.get(promise.group(1))
    assert page.status == 200
    assert "Medborgarlöfte Kalmar" in page.text
    api = browser.get("/api/v1/promises?kommun=0880")
    assert api.status == 200
    assert api.header("Content-Type").startswith("application/json")
    assert "https://" in api.text  # links in the API name the scheme the client used


def test_static_files_are_served_hashed_and_immutable(browser):
    home = browser.get("/")
    css = re.search(r"/static/medborgarloften/css/site\.[0-9a-f]{12}\.css", home.text)
    assert css, "the page links no hashed site.css"
    sheet = browser.get(css.group(0))
    assert sheet.status == 200
    assert sheet.header("Content-Type").startswith("text/css")
    assert "immutable" in sheet.header("Cache-Control")
    assert ":root" in sheet.text
    zipped = browser.get(css.group(0), **{"Accept-Encoding": "gzip"})
    assert zipped.header("Content-Encoding") == "gzip"


def _sign_in(browser) -> None:
    form = browser.get("/konto/logga-in/")
    assert form.status == 200
    assert "csrftoken" in browser.cookies
    done = browser.post(
        "/konto/logga-in/",
        {
            **deployment.hidden_fields(form.text),
            "username": DEMO_MAIN_USER,
            "password": DEMO_PASSWORD,
        },
    )
    assert done.status == 302, done.text[:2000]
    assert done.header("Location") == "/personal/"
    session = [c for c in done.headers.get_all("Set-Cookie") if "sessionid=" in c]
    assert session and "Secure" in session[0] and "HttpOnly" in session[0]


def test_staff_sign_in_and_a_post_with_its_csrf_token_work(browser):
    _sign_in(browser)
    start = browser.get("/personal/")
    assert start.status == 200
    assert 'action="/konto/logga-ut/"' in start.text  # signed in
    # A real write: log an activity on a commitment of the demo's current promise.
    form_url = promise = None
    for pk in sorted(set(re.findall(r'href="/personal/lofte/(\d+)/"', start.text))):
        dashboard = browser.get(f"/personal/uppfoljning/lofte/{pk}/")
        found = re.search(
            r'href="(/personal/uppfoljning/atagande/(\d+)/logga/)"', dashboard.text
        )
        if dashboard.status == 200 and found and "2025–2026" in dashboard.text:
            form_url, commitment, promise = found.group(1), found.group(2), pk
            break
    assert form_url, "no commitment of the 2025–2026 promise to log an activity on"
    listing = (
        f"/personal/uppfoljning/lofte/{promise}/aktiviteter/?atagande={commitment}"
    )
    edit_links = re.compile(r'href="(/personal/uppfoljning/aktivitet/\d+/)"')
    before = set(edit_links.findall(browser.get(listing).text))
    form = browser.get(form_url)
    assert form.status == 200
    marker = "Trygghetsvandring genom nginx och waitress"
    posted = browser.post(
        form_url,
        {
            **deployment.hidden_fields(form.text),
            "date": "2025-06-14",
            "kind": "trygghetsvandring",
            "quantity": "1",
            "description": marker,
        },
    )
    assert posted.status == 302, posted.text[:3000]
    assert posted.header("Location").endswith(form_url)
    new = set(edit_links.findall(browser.get(listing).text)) - before
    assert len(new) == 1, new
    saved = browser.get(new.pop())
    assert saved.status == 200
    assert marker in saved.text


def test_a_post_without_the_csrf_token_is_refused(browser):
    _sign_in(browser)
    refused = browser.post("/konto/logga-ut/", {})
    assert refused.status == 403
    # Still signed in: the refused post changed nothing.
    assert browser.get("/personal/").status == 200
