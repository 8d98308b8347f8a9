"""Messages of the delivery of tickets (each part adds its own kinds below)."""

KINDS: dict = {}
