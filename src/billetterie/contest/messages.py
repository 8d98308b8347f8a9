"""Messages of the contest (each part adds its own kinds below)."""

KINDS: dict = {}
