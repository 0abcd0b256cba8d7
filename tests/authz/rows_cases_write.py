"""Rows for this area: filled in with its views."""

ROWS: dict = {}
