"""Load medborgarlöfte JSON records into promises (see services/__init__)."""

__all__: list[str] = []
