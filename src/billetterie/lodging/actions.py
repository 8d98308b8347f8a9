"""Audited actions of lodging (each part adds its own below)."""

ACTIONS: dict[str, str] = {}
