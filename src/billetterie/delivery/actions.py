"""Audited actions of the delivery of tickets (each part adds its own below)."""

ACTIONS = {
    # Nominative exports
    # Download links
    # Leaders' pages
    # Attendance and reliability
}
