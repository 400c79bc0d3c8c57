"""Small shared jobs used by every app (STYLE.md: "shared jobs live once").

- ``text``: free text as it may be stored and published (``clean_text``).
- ``fields``, ``forms``, ``migrations``: model and form fields that store it so.
- ``months``: the Swedish and English month names.
- ``tabular``: the one reader of uploaded CSV and XLSX tables, within limits.
- ``http``: the one HTTP client, with its limits (timeouts, size, redirects, and
  public addresses only for what users type).

Which kommun, police area, organisation or area a name means is answered once in
``places.lookup``; what the public may see once per model (``public()``, built on
``promises.models.public_q``). ``text`` and ``months`` are Django-free and sit
beneath ``extract``; ``tabular`` and ``http`` use ``extract``'s budgeted readers
and its fetch.
"""
