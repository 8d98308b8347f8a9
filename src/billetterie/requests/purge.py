"""The applications' shredder: free text an association or the operator typed may name a child."""

from django.db.models import Q

from billetterie.requests.models import Application


def _texts(campaign):
    return Application.objects.filter(campaign=campaign).filter(
        ~Q(comment="") | ~Q(ineligibility_reason="")
    )


def applications_personal_data_held(*, campaign) -> bool:
    return _texts(campaign).exists()


def applications_personal_data_purge(*, campaign, now) -> dict[str, int]:
    return {"application_texts": _texts(campaign).update(comment="", ineligibility_reason="")}
