"""Fuzz every form of the site: no input may cause a server error.

The demo installation (Kalmar, with promises, activities, lägesbild, plans) is crawled
from the public home page as a visitor and from /personal/ as a superuser, following
links on the site (no downloads, no Django admin, no API: schemathesis covers the API).
Every ``<form method="post">`` found is collected with its fields, then hypothesis posts
arbitrary values to each: the field's own options and hidden values, empty strings,
any Unicode text (control characters and very long strings included), numbers out of
range, malformed dates and random files. Each answer must be below 500.

``FUZZ_EXAMPLES`` (default 3) sets the examples per form; ``FUZZ_COUNT_FILE`` makes the
test append how many posts it made (benchmarks/reliability/fuzz.py reads it).
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
MAX_PAGES = int(os.environ.get("FUZZ_MAX_PAGES", "400"))
SKIP = re.compile(
    r"^/(django-admin|api|static|media)/|/logga-ut/|\.(pdf|docx|ics|csv|xlsx|zip|json)$"
    r"|/(pdf|docx|csv|xlsx|ics|export)/?$"
)


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> options
    files: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.action} {sorted(self.fields)}"


class _Page(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        elif tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urljoin(self.url, a.get("action") or self.url)
                self._form = Form(page=self.url, action=action)
        elif self._form is not None and a.get("name"):
            name = a["name"]
            if name == "csrfmiddlewaretoken":
                return
            if tag == "input" and a.get("type") == "file":
                self._form.files.append(name)
            elif tag in {"input", "textarea"}:
                options = self._form.fields.setdefault(name, [])
                if a.get("value"):
                    options.append(a["value"])
            elif tag == "select":
                self._form.fields.setdefault(name, [])
                self._select = name
        if tag == "option" and self._form is not None and self._select:
            self._form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


def _crawl(client: Client, start: list[str]) -> list[Form]:
    seen: set[str] = set()
    queue = list(start)
    forms: dict[str, Form] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        # One page per route shape is enough: /lofte/1/ and /lofte/2/ share forms.
        shape = re.sub(r"\d+|[0-9a-f-]{36}", "N", parts.path)
        if path in seen or SKIP.search(parts.path) or shape in seen:
            continue
        seen.update({path, shape})
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        page = _Page("http://testserver" + path)
        page.feed(response.content.decode("utf-8", "replace"))
        queue.extend(page.links)
        for form in page.forms:
            forms.setdefault(form.key, form)
    return list(forms.values())


# Values for one field: its own options, or anything a person or a script might send.
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999",
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits: int() reads them
    "NaN",
    "2025-02-30",
    "0000-00-00",
    "9999-12-31",
    "2025-06-01",
    "1,5",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "../../etc/passwd",
    "https://",
    "x" * 20000,
]


def _value(options: list[str]) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(NASTY), st.text(max_size=300)]
    if options:
        choices.insert(0, st.sampled_from(options))
    return st.one_of(*choices)


def _payload(form: Form) -> st.SearchStrategy[dict]:
    fields = {
        name: st.one_of(
            st.none(), _value(options), st.lists(_value(options), max_size=3)
        )
        for name, options in form.fields.items()
    }
    files = {
        name: st.one_of(
            st.none(),
            st.tuples(
                st.sampled_from(["a.csv", "a.xlsx", "a.pdf", "a.docx", "a.txt", "a"]),
                st.binary(max_size=2000)
                | st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
            ),
        )
        for name in form.files
    }
    return st.fixed_dictionaries({**fields, **files})


def _data(form: Form, values: dict) -> dict:
    data = {}
    for name, value in values.items():
        if value is None:
            continue
        if name in form.files:
            data[name] = SimpleUploadedFile(value[0], value[1])
        else:
            data[name] = (
                [v.replace("\x00", "") for v in value]
                if isinstance(value, list)
                else value.replace("\x00", "")
            )
    return data


POSTS: dict[str, int] = {"posts": 0, "forms": 0, "server_errors": 0}


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    target = os.environ.get("FUZZ_COUNT_FILE")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": "forms", **POSTS}) + "\n")


@pytest.fixture
def site(db, settings, tmp_path):
    settings.RATELIMIT_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    from medborgarloften.accounts.models import User

    admin = User.objects.filter(is_superuser=True).first()
    if admin is None:
        admin = User.objects.create_superuser("fuzzadmin", "f@example.org", "x")
    return admin


def _fuzzer(client: Client, form: Form, sign_in, failures: list[str]):
    action = urlsplit(form.action)
    path = action.path + (f"?{action.query}" if action.query else "")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(values=_payload(form))
    def post(values):
        sign_in()
        POSTS["posts"] += 1
        response = client.post(path, _data(form, values))
        if response.status_code >= 500:
            POSTS["server_errors"] += 1
            failures.append(f"{path} {response.status_code} {values!r}"[:500])

    return post


def _fuzz(client: Client, forms: list[Form], sign_in) -> None:
    failures: list[str] = []
    for form in forms:
        POSTS["forms"] += 1
        _fuzzer(client, form, sign_in, failures)()
    assert not failures, "\n".join(failures[:10])


def test_no_staff_form_gives_a_server_error(site):
    client = Client(raise_request_exception=False)
    client.force_login(site)

    def sign_in():
        # A fuzzed post may sign the user out or switch the session; start fresh.
        if "_auth_user_id" not in client.session:
            client.force_login(site)

    forms = _crawl(client, ["/personal/", "/personal/uppfoljning/paminnelser/"])

    assert len(forms) >= 20, [f.action for f in forms]
    _fuzz(client, forms, sign_in)


def test_no_public_form_gives_a_server_error(site):
    client = Client(raise_request_exception=False)
    forms = _crawl(client, ["/", "/prenumerera/", "/enkat/"])
    forms += _crawl(client, ["/konto/logga-in/"])

    assert forms, "the crawl found no public form"
    _fuzz(client, forms, lambda: None)
