"""Rows for the meetings app: agenda."""

ROWS = {}
