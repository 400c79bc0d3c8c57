"""Create and edit promises from the staff UI (see services/__init__)."""

__all__: list[str] = []
