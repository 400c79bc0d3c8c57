"""The OpenAPI description's path and schema tables, one module per topic.

Each topic module exposes ``PATHS`` (path -> operations) and ``SCHEMAS``
(component name -> schema); ``publishing.api.openapi`` merges them, in order, into
the served document. Another app documents its API the same way: a module with
``PATHS`` and ``SCHEMAS`` and one entry in ``openapi.CONTRIBUTORS``.
"""
