"""The one error type the extract package raises for input a user can get wrong."""


class ExtractError(Exception):
    """A document could not be read or understood; ``str(exc)`` is a one-line reason
    in Swedish followed by English, e.g. 'Filen är tom / the file is empty'."""


class TransientError(ExtractError):
    """A failure that may pass by itself — a server that did not answer, an HTTP 5xx
    or 429 — so a background import tries again before it gives up."""
