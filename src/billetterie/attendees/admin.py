"""Named attendees are not in the Django admin, on purpose.

Children's names and birth dates are read only through the portal (by their own association) and
the back office (by the operator, without birth dates), both scoped and audited. The admin is a
repair tool for platform administrators: it has no reason to show them.
"""
