"""Keyboard use, as WCAG 2.4.7 (focus visible) and 2.4.11 (focus not obscured) ask:
tabbing through the whole promise editor never leaves the focused field under the
sticky Save bar, on a desktop and on a phone; and every kommun on the home map shows
a focus ring when reached by keyboard, the smallest ones included (compared pixel by
pixel with the map before focus)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from medborgarloften.operations.demo import demo_load
from medborgarloften.promises.models import Promise

#: What the focused element looks like to the user: is any of it under the sticky
#: bar, is its centre inside the viewport and is the topmost element there itself?
FOCUS_STATE = """async () => {
  // What the user sees: the frame after the browser has scrolled to the focus.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const bar = document.querySelector('.form-actions');
  const r = el.getBoundingClientRect();
  const inBar = !!bar && bar.contains(el);
  let covered = false;
  if (bar && !inBar) {
    const b = bar.getBoundingClientRect();
    covered = r.bottom > b.top + 0.5 && r.top < b.bottom && r.right > b.left && r.left < b.right;
  }
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const inView = y >= 0 && y < innerHeight && x >= 0 && x < innerWidth;
  const top = inView ? document.elementFromPoint(x, y) : null;
  const labels = el.labels ? [...el.labels] : [];
  const onTop = !!top && (top === el || el.contains(top) || labels.some(l => l.contains(top)));
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[' + el.name + ']' : '');
  return {name, inBar, covered, inView, onTop, inMain: !!el.closest('main')};
}"""


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _tab_through(page, limit: int = 1500) -> list[dict]:
    """Press Tab until focus leaves the main content (or ``limit`` stops)."""
    stops: list[dict] = []
    started = False
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if state["inMain"]:
            started = True
            stops.append(state)
        elif started:
            break
    return stops


@pytest.fixture
def demo_promise(transactional_db, kalmar, lpo_kalmar):
    demo_load(today=dt.date(2026, 11, 1))
    return Promise.objects.get(period_start="2025-01-01")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_save_bar_never_hides_the_focused_field_in_the_editor(
    live_server, browser, demo_promise, kommun_editor, size
):
    viewport = {"desktop": (1280, 900), "phone": (360, 740)}[size]
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": viewport[0], "height": viewport[1]},
        is_mobile=size == "phone",
    )
    page = context.new_page()
    try:
        _log_in(page, live_server, kommun_editor)
        page.goto(f"{live_server.url}/personal/lofte/{demo_promise.pk}/andra/")
        page.locator(".form-actions").wait_for()
        stops = _tab_through(page)
    finally:
        context.close()
    assert len(stops) > 100, len(stops)  # the whole editor, not a few fields
    assert any(stop["inBar"] for stop in stops), [s["name"] for s in stops[-8:]]
    hidden = [
        f"{stop['name']} (under the bar: {stop['covered']}, in view: "
        f"{stop['inView']}, on top: {stop['onTop']})"
        for stop in stops
        if stop["covered"] or not stop["inView"] or not stop["onTop"]
    ]
    assert hidden == [], (
        f"{len(hidden)} of {len(stops)} focus stops hidden: {hidden[:5]}"
    )


#: Each kommun link on the map: its name and where it is drawn (CSS pixels).
MAP_LINKS = """() => [...document.querySelectorAll('.sweden-map a')].map(a => {
  const r = a.getBoundingClientRect();
  return {label: a.getAttribute('aria-label'), x: r.left, y: r.top, w: r.width, h: r.height};
})"""
#: Smaller than this in either direction counts as a small kommun (issue #16: 6 px).
SMALL = 6
MARGIN = 12


def _clip(link: dict) -> dict:
    return {
        "x": max(link["x"] - MARGIN, 0),
        "y": max(link["y"] - MARGIN, 0),
        "width": link["w"] + 2 * MARGIN,
        "height": link["h"] + 2 * MARGIN,
    }


def _changed(before: bytes, after: bytes) -> tuple[int, int, int]:
    """Pixels that differ, and the width and height of the area they cover."""
    import io

    from PIL import Image, ImageChops

    a = Image.open(io.BytesIO(before)).convert("RGB")
    b = Image.open(io.BytesIO(after)).convert("RGB")
    diff = (
        ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 40 else 0)
    )
    box = diff.getbbox()
    if box is None:
        return 0, 0, 0
    return sum(1 for v in diff.getdata() if v), box[2] - box[0], box[3] - box[1]


@pytest.mark.django_db(transaction=True)
def test_every_small_kommun_on_the_map_shows_a_visible_focus_ring(
    live_server, page, kalmar
):
    page.goto(f"{live_server.url}/")
    page.locator(".sweden-map").scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    links = page.evaluate(MAP_LINKS)
    assert len(links) == 290
    small = {
        link["label"]: link
        for link in links
        if min(link["w"], link["h"]) < SMALL and link["w"] > 0
    }
    assert len(small) >= 10, len(small)  # the map has them; else the test says nothing
    before = {label: page.screenshot(clip=_clip(link)) for label, link in small.items()}
    scroll = page.evaluate("scrollY")
    page.locator(".skip-map").focus()
    invisible = []
    seen = 0
    for _ in range(len(links)):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.closest('.sweden-map a')"
            "?.getAttribute('aria-label') ?? null"
        )
        if label is None:
            break
        seen += 1
        if label not in small:
            continue
        assert page.evaluate("scrollY") == scroll
        assert page.evaluate("document.activeElement.matches(':focus-visible')")
        after = page.screenshot(clip=_clip(small[label]))
        count, width, height = _changed(before[label], after)
        # A ring a sighted keyboard user can find: at least 12 × 12 px around the
        # kommun and 100 changed pixels (a 3 px ring around a 2 × 2 px kommun).
        if count < 100 or width < 12 or height < 12:
            invisible.append(f"{label}: {count} px, {width}×{height}")
    assert seen == len(links)  # every kommun is reachable by Tab, in one pass
    assert invisible == []
