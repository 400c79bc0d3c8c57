"""Read a rendered form back into POST data, the way a browser without JS submits it.

Tests then change a few values and post, so they exercise the real page rather than
a hand-written copy of its field names.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, selector_attr: str) -> None:
        super().__init__(convert_charrefs=True)
        self.selector_attr = selector_attr
        self.in_form = False
        self.template_depth = 0
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._textarea_text: list[str] = []
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and self.selector_attr in a:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.template_depth += 1
        if self.template_depth:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            else:
                self.data.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, []
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in a
            self._options = []
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = []

    def handle_endtag(self, tag: str) -> None:
        if not self.in_form:
            return
        if tag == "template":
            self.template_depth -= 1
            return
        if self.template_depth:
            return
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea_text)
            self.data.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._select is not None:
            value = self._option_value
            if value is None:
                value = "".join(self._option_text).strip()
            self._options.append((value, self._option_selected))
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]
            for value in chosen:
                self.data.append((self._select, value))
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea_text.append(data)
        elif self._select is not None and self._option_value is None:
            self._option_text.append(data)


def form_data(
    html: str, selector_attr: str = "data-promise-form"
) -> dict[str, list[str]]:
    """Field name → values of the form carrying ``selector_attr``."""
    reader = _FormReader(selector_attr)
    reader.feed(html)
    result: dict[str, list[str]] = {}
    for name, value in reader.data:
        result.setdefault(name, []).append(value)
    return result
