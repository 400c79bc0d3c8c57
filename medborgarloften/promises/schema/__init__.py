"""The JSON Schema of medborgarlöfte JSON (docs/format.md), shipped as package data."""
