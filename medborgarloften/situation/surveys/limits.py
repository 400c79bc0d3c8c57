"""Limits on public survey answers, counted by what a respondent cannot shed.

A cookie costs nothing to drop, so one address once stored twenty answers a minute;
and a cap on the survey as a whole let 301 empty posts lock every real respondent
out for ten minutes. Instead, three things together:

1. **A signed form token.** Each page view carries a token (the survey, the time it
   was shown, a random nonce) signed with ``SECRET_KEY``. An answer needs a valid
   token of its own survey, at least ``SURVEY_MIN_FILL_SECONDS`` old (a script posts
   at once; a person reads the questions), at most a day old, and used once: a script
   has to load the page for every answer it sends, and a double click stores once.
2. **Allowances per client address and per network, per survey and hour**, counting
   stored answers only: an empty or invalid post costs nobody anything. The address
   is the IPv4 address or the IPv6 /64 (one home or phone); the network the IPv4 /24
   or IPv6 /48 (one site, or one attacker's whole allocation). The defaults let a
   school class on one NAT answer together (``SURVEY_ANSWERS_PER_ADDRESS`` 30, and
   ``SURVEY_ANSWERS_PER_NETWORK`` 100); a walk's points count double allowance, as a
   walker marks several places.
3. **The survey's own rate.** When more than ``SURVEY_LOAD_ANSWERS`` answers arrive
   within ten minutes, the allowances shrink to a fifth for the rest of that window:
   a burst from many addresses is slowed without anyone being locked out, and each
   respondent on their own phone still answers.

Every refusal and every filled-in honeypot is counted for the survey's owner
(``services.survey_alert_record``), who sees it on the survey's page and gets a mail.

Nothing about a respondent outlives a window: the counters hold a keyed hash of the
address (``hmac`` with ``SECRET_KEY``), never the address, and expire with the window;
the answer itself stores no address and no time of day. Counts and spent tokens live
in the rate limits' own shared counters (``lib/counters.py``: files under
``DATA_DIR`` every process on the host shares, or Redis with ``CACHE_URL``), so the
allowances hold across every worker process.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest

from medborgarloften.lib import counters
from medborgarloften.lib.client import client_address

from ..models import Survey, SurveyKind

HOUR = 3600
LOAD_WINDOW = 600
TOKEN_MAX_AGE = 24 * HOUR
_SALT = "medborgarloften.situation.surveys.form-token"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def min_fill_seconds() -> int:
    return _setting("SURVEY_MIN_FILL_SECONDS", 3)


def now() -> float:
    """The clock every check reads (tests move it)."""
    return time.time()


# --- the form token -------------------------------------------------------------------


class Token(enum.Enum):
    OK = "ok"
    MISSING = "missing"  # no token, a forged one, or another survey's
    FAST = "fast"  # sent sooner than a person reads the page
    EXPIRED = "expired"  # the page was open for more than a day
    USED = "used"  # this page view has already stored an answer


@dataclass(frozen=True)
class TokenCheck:
    state: Token
    nonce: str = ""


def form_token(survey: Survey, *, issued: float | None = None) -> str:
    """A fresh token for one view of the answering page."""
    payload = {
        "s": survey.pk,
        "t": int(now() if issued is None else issued),
        "n": secrets.token_urlsafe(12),
    }
    return signing.dumps(payload, salt=_SALT)


def _used_key(survey: Survey, nonce: str) -> str:
    # A file name as well as a key: the nonce is URL-safe base64 ("-", "_").
    return f"survey-token-{survey.pk}-{hashlib.sha256(nonce.encode()).hexdigest()[:32]}"


#: A spent token is remembered longer than a token lives.
_SPENT_WINDOW = TOKEN_MAX_AGE + 60


def check_token(survey: Survey, token: str) -> TokenCheck:
    """What the posted token says; nothing is counted or spent here."""
    try:
        payload = signing.loads(token or "", salt=_SALT)
        survey_id, issued, nonce = int(payload["s"]), int(payload["t"]), payload["n"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenCheck(Token.MISSING)
    if survey_id != survey.pk or not isinstance(nonce, str) or not nonce:
        return TokenCheck(Token.MISSING)
    age = now() - issued
    if counters.claimed(_used_key(survey, nonce), _SPENT_WINDOW, now()):
        return TokenCheck(Token.USED, nonce)
    if age < min_fill_seconds():
        return TokenCheck(Token.FAST, nonce)
    if age > TOKEN_MAX_AGE:
        return TokenCheck(Token.EXPIRED, nonce)
    return TokenCheck(Token.OK, nonce)


def spend_token(survey: Survey, nonce: str) -> bool:
    """Mark the page view's token used; False when another request spent it first."""
    return counters.claim(_used_key(survey, nonce), _SPENT_WINDOW, now())


# --- allowances per address and network -----------------------------------------------


def _keyed(text: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256
    ).hexdigest()[:24]


def client_keys(request: HttpRequest) -> tuple[str, str]:
    """(address, network) as keyed hashes: an IPv4 address and its /24, or an IPv6
    /64 and its /48. An address that does not parse counts as itself."""
    raw = client_address(request)
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        return _keyed(f"a:{raw}"), _keyed(f"n:{raw}")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        address = ipaddress.ip_network(f"{ip}/32")
        network = ipaddress.ip_network(f"{ip}/24", strict=False)
    else:
        address = ipaddress.ip_network(f"{ip}/64", strict=False)
        network = ipaddress.ip_network(f"{ip}/48", strict=False)
    return _keyed(f"a:{address}"), _keyed(f"n:{network}")


@dataclass(frozen=True)
class Allowance:
    address: int
    network: int
    under_load: bool


def _count_key(survey: Survey, scope: str, key: str) -> str:
    return f"survey-answers-{survey.pk}-{scope}-{key}"


def _load_key(survey: Survey) -> str:
    return f"survey-load-{survey.pk}"


def under_load(survey: Survey) -> bool:
    count = counters.current(_load_key(survey), LOAD_WINDOW, now())
    return count > _setting("SURVEY_LOAD_ANSWERS", 150)


def allowance(survey: Survey) -> Allowance:
    """How many answers one address and one network may store this hour."""
    per_address = _setting("SURVEY_ANSWERS_PER_ADDRESS", 30)
    per_network = _setting("SURVEY_ANSWERS_PER_NETWORK", 100)
    if survey.kind == SurveyKind.VANDRING:
        per_address, per_network = 2 * per_address, 2 * per_network
    loaded = under_load(survey)
    if loaded:
        per_address = max(2, per_address // 5)
        per_network = max(5, per_network // 5)
    return Allowance(address=per_address, network=per_network, under_load=loaded)


def has_allowance(survey: Survey, keys: tuple[str, str]) -> bool:
    """May this client store one more answer now? Counts nothing."""
    limit = allowance(survey)
    address, network = keys
    at = now()
    return (
        counters.current(_count_key(survey, "a", address), HOUR, at) < limit.address
        and counters.current(_count_key(survey, "n", network), HOUR, at) < limit.network
    )


def _incr(key: str, window: int) -> int:
    return counters.increment(key, window, now())[0]


def count_stored(survey: Survey, keys: tuple[str, str]) -> bool:
    """Count one stored answer (or a dropped honeypot post) against the client and
    the survey; True when this answer took the survey over its load threshold."""
    address, network = keys
    _incr(_count_key(survey, "a", address), HOUR)
    _incr(_count_key(survey, "n", network), HOUR)
    load = _incr(_load_key(survey), LOAD_WINDOW)
    return load == _setting("SURVEY_LOAD_ANSWERS", 150) + 1


def release_token(survey: Survey, nonce: str) -> None:
    """Give a spent token back when the answer it carried was refused (a closed
    survey, an unknown option): the person corrects it and sends again."""
    counters.release(_used_key(survey, nonce), _SPENT_WINDOW, now())
