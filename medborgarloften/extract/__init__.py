"""Django-free extraction of medborgarlöfte records from documents.

``readers`` turn PDF, DOCX, HTML, text and URLs into clean text; the rules turn text into
the extraction record of docs/format.md, every value with its character span.
No Django import anywhere in this package.
"""
