"""Rows for the meetings app: planning."""

ROWS = {}
