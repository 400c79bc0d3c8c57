"""Co-responsible parties: the ones a commitment joins with "tillsammans med",
"i samverkan med" (SCHEMA: a party so joined is added as co-responsible)."""

from __future__ import annotations

import re
from functools import lru_cache

from .parties import _ENUM_STOP, _classify_item, classify_party, parties_in_chain
from .party_patterns import _CHAIN, _FIRM, _ITEM, _ITEM_RE, _LEX, _PROPER, _alt

# "förenings- och näringsliv": a shared second part written once.
_ELLIPSIS = r"(?:[\w]+-\s*(?:,\s*[\w]+-\s*)*(?:och|eller|samt)\s+)?"
# "tillsammans med …"; "together with …" in a promise's English version.
_CO_JOIN = (
    rf"(?:(?:{_alt(_LEX['co_joiners'])})\s+med"
    # "en gemensam handlingsplan med Ekby Trafik", "gemensamma besök på krogar med
    # kommunens tillsyn": a joint thing made or done with a party
    r"|gemensamm?a?\s+(?:[^\W\d]+\s+){1,4}?med"
    rf"|(?:{_alt(_LEX['co_joiners_english'])})\s+with)"
)
# "tillsammans med boende och polisen": the citizens named first add no party, the
# party after them does.
_CITIZENS_FIRST = rf"(?:(?:{_alt(_LEX['not_annan'])})\s*(?:,|\boch\b|\bsamt\b)\s*)*"
_CO_RE = re.compile(
    rf"(?P<pre>\b\w+\s+)?\b{_CO_JOIN}\s+"
    rf"(?:(?:bland annat|t\.ex\.|exempelvis)\s+)?{_CITIZENS_FIRST}{_ELLIPSIS}"
    rf"(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
# "tillsammans med Bodens Energi", "tillsammans med PRO och SPF": a named
# organisation joined as co-responsible (capitalised names and acronyms).
_CO_NAMED_RE = re.compile(
    rf"(?P<pre>\b\w+\s+)?\b{_CO_JOIN}\s+"
    rf"(?P<chain>{_ITEM}(?:\s*(?:,|\boch\b|\bsamt\b|&)\s*{_ITEM}){{0,5}})",
    re.IGNORECASE,
)
# "tillsammans med fastighetsbolaget Ekby Port AB", "i samarbete med föreningen
# Ekby IF": a common noun for what the party is, then its name (a company's or a
# club's, or a known party's).
_CO_APPOSED_RE = re.compile(
    rf"\b{_CO_JOIN}\s+(?-i:[a-zåäö][\w-]{{2,}}(?:en|et|n))\s+"
    rf"(?P<chain>(?:(?-i:[A-ZÅÄÖ])[\w-]*s?\s+){{1,3}}{_FIRM}\b)",
    re.IGNORECASE,
)
# "tillsammans med centrumets egna ordningsvakter": a party owned by something
# named by a common noun (a centre's, a company's own guards) is that party.
_OWNER = r"(?:(?-i:[a-zåäö])\w+s\s+(?:egna|eget|egen)?\s*)"
_CO_OWNED_RE = re.compile(
    rf"(?P<pre>\b\w+\s+)?\b{_CO_JOIN}\s+{_OWNER}(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
# "… med stöd av Ekby Försäkringar": a named organisation that supports the work
# is a third party that takes part in it (a name only; "med stöd av polisens
# trygghetsmätning" names a document, and "Brå:s metod" a method).
_SUPPORT_RE = re.compile(
    rf"\bmed\s+stöd\s+(?:av|från)\s+"
    rf"(?P<chain>{_PROPER}(?:\s*(?:,|\boch\b|\bsamt\b|&)\s*{_PROPER}){{0,3}})",
    re.IGNORECASE,
)
_GENITIVE_AFTER = re.compile(
    r"(?::s|(?<=s)\s+(?!(?:i|på|under|och|eller|för|vid|med|till|samt|att|som|"
    r"genom|från|inom|kring|mot|efter|före|om)\b)(?-i:[a-zåäö]))"
)
# "på platser som utsetts i samverkan med kommunen": the supine as well, an object
# chosen earlier with the party, who does not take part in this action.
_PARTICIPLE = re.compile(
    r"^(?:utsedda|utsedd|utvalda|valda|framtagna|framtagen|beslutade|planerade|"
    r"identifierade|gjorda|utsetts|utvalts|valts|beslutats|planerats|identifierats|"
    r"gjorts|bestämts|överenskommits)\s+$",
    re.IGNORECASE,
)
_JOINT_THING = re.compile(r"gemensamm?a?\s", re.IGNORECASE)
_WITH = re.compile(r"\bmed\s+", re.IGNORECASE)
_NOT_ANNAN = re.compile(rf"\b(?:{_alt(_LEX['not_annan'])})\b", re.IGNORECASE)

# A bracket right after a name that spells it out: "SSPF (skola, socialtjänst, polis)".
_SPELLED_OUT = re.compile(r"[ \t]*\(([^()\n]{3,100})\)")
# A word hyphenated at a line end: "till-" then "sammans" on the next line.
_LINE_HYPHEN = re.compile(r"([a-zåäö])-\n[ \t]*([a-zåäö])")


@lru_cache(maxsize=4096)
def co_parties(text: str) -> frozenset[str]:
    """Parties joined by "tillsammans med", "i samverkan med" (co-responsible)."""
    out: set[str] = set()
    if "-\n" in text:
        text = _LINE_HYPHEN.sub(r"\1\2", text)  # "till-\n  sammans med" (a scan)
    for m in _CO_RE.finditer(text):
        if m.group("pre") and _PARTICIPLE.match(m.group("pre")):
            continue
        if _JOINT_THING.match(text, m.start() + len(m.group("pre") or "")):
            with_ = _WITH.search(text, m.start(), m.start("chain"))
            if with_ is not None and text[with_.end() : m.start("chain")].strip():
                continue  # "gemensam vandring med boende och …": participants

        chain = m.group("chain")
        if _NOT_ANNAN.match(chain):
            continue
        out |= parties_in_chain(chain)
    for m in _CO_OWNED_RE.finditer(text):
        participle = m.group("pre") and _PARTICIPLE.match(m.group("pre"))
        if not participle and not _NOT_ANNAN.match(m.group("chain")):
            out |= parties_in_chain(m.group("chain"))
    out |= _supporting(text)
    if "AB" in text or "IF" in text or "BK" in text or "IK" in text:
        out |= {
            kind
            for m in _CO_APPOSED_RE.finditer(text)
            if (kind := classify_party(m.group("chain"))) in ("annan", "kommun")
        }
    for m in _CO_NAMED_RE.finditer(text):
        if m.group("pre") and _PARTICIPLE.match(m.group("pre")):
            continue
        items = [i.group(0) for i in _ITEM_RE.finditer(m.group("chain"))]
        spelled = _SPELLED_OUT.match(text, m.end())
        if spelled is not None and items:
            # "tillsammans med SSPF (skola, socialtjänst, polis och fritid)": the
            # bracket says who the name stands for
            named = parties_in_chain(spelled.group(1))
            if named:
                out |= named
                items = items[:-1]
        for item in items:
            kind = classify_party(item)
            if kind is None and re.match(r"(?-i:[A-ZÅÄÖ])", item.strip()):
                if _NOT_ANNAN.match(item) or item.strip().casefold() in _ENUM_STOP:
                    continue
                kind = _classify_item(item)
            if kind == "both":
                out.update(("polis", "kommun"))
            elif kind:
                out.add(kind)
    return frozenset(out)


def _supporting(text: str) -> set[str]:
    """The named third parties of "med stöd av <Name>"."""
    out: set[str] = set()
    for m in _SUPPORT_RE.finditer(text):
        for item in _ITEM_RE.finditer(m.group("chain")):
            name = item.group(0).strip()
            if _GENITIVE_AFTER.match(m.string, m.start("chain") + item.end()):
                break  # "med stöd av Ekby kommuns plan": a document, not a party
            if name.casefold() in _ENUM_STOP or _NOT_ANNAN.match(name):
                continue
            if _classify_item(name) == "annan":
                out.add("annan")
    return out
