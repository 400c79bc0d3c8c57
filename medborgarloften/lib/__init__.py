"""Small shared jobs used by every app (STYLE.md: "shared jobs live once")."""
