"""Rows for the meetings app: invitations."""

ROWS = {}
