"""An RFC 4287 (Atom) checker for our feeds, with RFC 4151 tag URIs for entry ids.

``problems(xml, authority=...)`` lists every breach of a MUST in RFC 4287 that a feed
of ours could commit (and the SHOULD of a ``self`` link), plus our own rule that entry
ids are tag URIs under the installation's domain; an empty list means valid."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_TYPES = {"text", "html", "xhtml"}
#: RFC 3339 date-time, as RFC 4287 section 3.3 requires (upper-case T and Z allowed).
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
#: RFC 4151: tag:authorityName,date:specific; the date YYYY, YYYY-MM or YYYY-MM-DD.
TAG = re.compile(
    r"^tag:(?P<authority>[a-z0-9.-]+|[^@,\s]+@[a-z0-9.-]+),"
    r"(?P<date>\d{4}(-\d{2}(-\d{2})?)?):(?P<specific>\S+)$"
)


def _absolute_iri(value: str | None) -> bool:
    if not value or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("tag", "urn"))


def _date(value: str | None) -> bool:
    if not value or not RFC3339.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _tag_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        return False
    return True


def _text_construct(element: ET.Element, where: str) -> list[str]:
    kind = element.get("type", "text")
    if kind not in TEXT_TYPES:
        return [f"{where}: type={kind!r} is not text, html or xhtml (3.1.1)"]
    if kind in ("text", "html") and len(element):
        return [f"{where}: type={kind} holds child elements (3.1.1)"]
    return []


def _one(parent: ET.Element, name: str, where: str) -> list[str]:
    count = len(parent.findall(f"{ATOM}{name}"))
    return [] if count == 1 else [f"{where}: {count} atom:{name}, needs exactly one"]


def _at_most_one(parent: ET.Element, name: str, where: str) -> list[str]:
    count = len(parent.findall(f"{ATOM}{name}"))
    return [] if count <= 1 else [f"{where}: {count} atom:{name}, at most one"]


def _authors(parent: ET.Element, where: str) -> tuple[bool, list[str]]:
    found, problems = False, []
    for author in parent.findall(f"{ATOM}author"):
        found = True
        if (
            len(author.findall(f"{ATOM}name")) != 1
            or not (author.findtext(f"{ATOM}name") or "").strip()
        ):
            problems.append(f"{where}: an atom:author needs one non-empty name (3.2)")
    return found, problems


def _links(parent: ET.Element, where: str) -> list[str]:
    problems = []
    alternates: Counter[tuple[str | None, str | None]] = Counter()
    for link in parent.findall(f"{ATOM}link"):
        if not _absolute_iri(link.get("href")):
            problems.append(f"{where}: link href {link.get('href')!r} not absolute")
        if link.get("rel", "alternate") == "alternate":
            alternates[(link.get("type"), link.get("hreflang"))] += 1
    if any(n > 1 for n in alternates.values()):
        problems.append(f"{where}: two alternate links of one type and hreflang")
    return problems


def problems(xml: bytes, *, authority: str) -> list[str]:
    """Every breach of RFC 4287 (and of tag-URI entry ids under ``authority``)."""
    root = ET.fromstring(xml)  # noqa: S314 - our own feed
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}, not atom:feed"]
    found: list[str] = []
    for name in ("id", "title", "updated"):
        found += _one(root, name, "feed")
    for name in ("subtitle", "rights", "icon", "logo", "generator"):
        found += _at_most_one(root, name, "feed")
    if not _absolute_iri(root.findtext(f"{ATOM}id")):
        found.append(f"feed: id {root.findtext(f'{ATOM}id')!r} is no absolute IRI")
    if not _date(root.findtext(f"{ATOM}updated")):
        found.append(f"feed: updated {root.findtext(f'{ATOM}updated')!r} not RFC 3339")
    for name in ("title", "subtitle", "rights"):
        for element in root.findall(f"{ATOM}{name}"):
            found += _text_construct(element, f"feed {name}")
    feed_author, author_problems = _authors(root, "feed")
    found += author_problems
    found += _links(root, "feed")
    selves = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selves) != 1:
        found.append(f"feed: {len(selves)} link rel=self, should be one (4.1.1)")
    ids: Counter[str] = Counter()
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            found += _one(entry, name, where)
        for name in ("published", "summary", "content", "rights", "source"):
            found += _at_most_one(entry, name, where)
        entry_id = entry.findtext(f"{ATOM}id") or ""
        ids[entry_id] += 1
        match = TAG.match(entry_id)
        if not match:
            found.append(f"{where}: id {entry_id!r} is no tag URI (RFC 4151)")
        else:
            if match["authority"] != authority:
                found.append(
                    f"{where}: tag authority {match['authority']!r}, "
                    f"expected {authority!r}"
                )
            if not _tag_date(match["date"]):
                found.append(f"{where}: tag date {match['date']!r} is no date")
        for name in ("updated", "published"):
            for element in entry.findall(f"{ATOM}{name}"):
                if not _date(element.text):
                    found.append(f"{where}: {name} {element.text!r} not RFC 3339")
        for name in ("title", "summary", "rights"):
            for element in entry.findall(f"{ATOM}{name}"):
                found += _text_construct(element, f"{where} {name}")
        entry_author, author_problems = _authors(entry, where)
        found += author_problems
        if not (feed_author or entry_author or entry.find(f"{ATOM}source")):
            found.append(f"{where}: no author, and the feed names none (4.1.1)")
        found += _links(entry, where)
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{ATOM}content") is None and not alternates:
            found.append(f"{where}: no content and no link rel=alternate (4.1.2)")
        for category in entry.findall(f"{ATOM}category"):
            if not category.get("term"):
                found.append(f"{where}: category without term (4.2.2)")
    found += [f"entry id {i!r} used {n} times" for i, n in ids.items() if n > 1]
    return found
