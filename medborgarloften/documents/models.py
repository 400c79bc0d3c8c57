"""Imported documents and extraction runs (import issue)."""
