"""What a promise tells the layers above it. promises sits below situation
(docs/architecture.md), so it announces instead of calling up."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the status change's transaction when a promise with a kommun among
# its parties is adopted or published; arguments: promise, on (the adoption date).
# situation freezes the lägesbild baseline on it (situation/apps.py). Receivers'
# errors propagate, so a failed freeze rolls the status change back as before.
promise_adopted = Signal()

# Sent by the staff page of a draft; argument: promise. Receivers return a list of
# things to check before adoption that only a layer above knows (documents: the
# draft's text was read by OCR from a scan), each a line in the page's language.
promise_draft_notes = Signal()
