"""Messages of lodging (each part adds its own kinds below)."""

KINDS: dict = {}
