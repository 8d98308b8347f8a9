"""Permission-matrix row of the « Graphiques » page: another operator's campaign → 404."""

from tests.attendees.permission_rows import BACKOFFICE_OWN, _slug

CHARTS_MATRIX = {
    "backoffice:charts": (_slug, BACKOFFICE_OWN),
}
