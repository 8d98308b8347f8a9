"""Permission-matrix rows of the attendance and reliability pages: another association's group
answers 404 to a referent, another operator's campaign 404 to its staff."""

from tests.attendees.permission_rows import BACKOFFICE_OWN, PORTAL, PORTAL_OTHERS, _slug, _theirs

ATTENDANCE_MATRIX = {
    "portal:attendance": (_slug, PORTAL),
    "portal:attendance_group": (_theirs("group", "group_id"), PORTAL_OTHERS),
    "backoffice:attendance": (_slug, BACKOFFICE_OWN),
    "backoffice:reliability": (_slug, BACKOFFICE_OWN),
    # POST only: a GET is refused (405) once the role and the campaign are checked.
    "backoffice:attendance_export": (
        _slug,
        {**BACKOFFICE_OWN, "operator": 405, "admin": 405},
    ),
}
