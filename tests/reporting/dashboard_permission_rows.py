"""Permission-matrix rows of the dashboard and the report for the funder: operator staff of the
campaign only; another operator's campaign → 404."""

from tests.attendees.permission_rows import BACKOFFICE_OWN, _slug

DASHBOARD_MATRIX = {
    "backoffice:dashboard": (_slug, BACKOFFICE_OWN),
    # POST only: a GET is refused (405) once the role and the campaign are checked.
    "backoffice:funder_report": (_slug, {**BACKOFFICE_OWN, "operator": 405, "admin": 405}),
}
