"""Medborgarlöften: the Swedish medborgarlöfte cycle for a kommun and its lokalpolisområde."""

__version__ = "0.1.0"
