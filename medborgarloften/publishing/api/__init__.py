"""The open data API, /api/v1/ (docs/api.md is its written contract).

Plain Django views, no framework: ``fields`` is the one registry of columns that the
JSON rows, the CSV downloads, the OpenAPI description and the DCAT metadata all read,
``selectors`` the only reads, ``errors`` the one error shape (RFC 9457).
"""
