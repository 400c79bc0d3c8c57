"""The DCAT catalogue's JSON-LD (``dcat.py``) written as Turtle, the serialisation
many harvesters and RDF tools read first. Handles the JSON-LD that ``dcat.py``
writes, no more: compact keys with the context's prefixes, nodes with ``@id`` (named
once, referred to by IRI wherever they recur) or without (blank nodes, written
inline), value objects with ``@language`` or ``@type``, plain strings and lists.
``publishing/tests/test_dcat.py`` checks with rdflib that both serialisations are
the same graph."""

from __future__ import annotations

from typing import Any

# Characters an IRIREF may not hold (Turtle grammar), percent-encoded.
_IRI_UNSAFE = {c: f"%{ord(c):02X}" for c in '<>"{}|^`\\ '}
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _iri(value: str) -> str:
    return "<" + "".join(_IRI_UNSAFE.get(c, c) for c in value) + ">"


def _string(value: str) -> str:
    return '"' + "".join(_STRING_ESCAPES.get(c, c) for c in value) + '"'


class _Writer:
    def __init__(self, context: dict[str, str]) -> None:
        self.context = context
        #: subject IRI → its (predicate, object) pairs, in first-seen order
        self.subjects: dict[str, list[tuple[str, str]]] = {}

    def name(self, curie: str) -> str:
        """A compact key or type: a prefixed name when its prefix is declared."""
        prefix, _sep, local = curie.partition(":")
        if prefix in self.context and local and local.replace("_", "").isalnum():
            return curie
        return _iri(curie)

    def term(self, value: Any, indent: str) -> str:
        if isinstance(value, str):
            return _string(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return (
                _string(str(value))
                + "^^xsd:"
                + ("integer" if isinstance(value, int) else "double")
            )
        if "@value" in value:
            literal = _string(str(value["@value"]))
            if "@language" in value:
                return f"{literal}@{value['@language']}"
            if "@type" in value:
                return f"{literal}^^{self.name(value['@type'])}"
            return literal
        if "@id" in value:
            self.node(value)
            return _iri(value["@id"])
        inner = indent + "    "
        pairs = self.pairs(value, inner)
        body = f" ;\n{inner}".join(f"{p} {o}" for p, o in pairs)
        return f"[\n{inner}{body}\n{indent}]"

    def pairs(self, node: dict[str, Any], indent: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for key, value in node.items():
            if key in ("@id", "@context"):
                continue
            values = value if isinstance(value, list) else [value]
            if key == "@type":
                found += [("a", self.name(v)) for v in values]
            else:
                found += [(self.name(key), self.term(v, indent)) for v in values]
        return found

    def node(self, node: dict[str, Any]) -> None:
        pairs = self.subjects.setdefault(node["@id"], [])
        for pair in self.pairs(node, "    "):
            if pair not in pairs:
                pairs.append(pair)

    def text(self) -> str:
        lines = [f"@prefix {p}: {_iri(iri)} ." for p, iri in self.context.items()]
        for subject, pairs in self.subjects.items():
            if not pairs:
                continue
            body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
            lines.append(f"\n{_iri(subject)}\n    {body} .")
        return "\n".join(lines) + "\n"


def turtle(document: dict[str, Any]) -> str:
    """The JSON-LD ``document`` (one top node with ``@context``) as Turtle."""
    writer = _Writer(document["@context"])
    writer.node(document)
    return writer.text()
