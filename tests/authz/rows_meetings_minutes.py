"""Rows for the meetings app: minutes."""

ROWS = {}
