"""The operator corrects an association's details: the département and position follow."""

import pytest
from django.core.exceptions import ValidationError

from billetterie.core.models import AuditEntry
from billetterie.members.services import association_update


def test_a_new_postal_code_moves_the_association_and_is_audited(association, operator_user):
    changes = association_update(
        association=association, actor=operator_user, postal_code="97400", town="Saint-Denis"
    )
    association.refresh_from_db()
    assert association.departement == "974" and association.latitude < 0
    assert changes["postal_code"]["after"] == "97400"
    assert AuditEntry.objects.get(action="association.updated").details["changes"] == changes


def test_an_unknown_postal_code_is_refused(association, operator_user):
    with pytest.raises(ValidationError) as refused:
        association_update(association=association, actor=operator_user, postal_code="00000")
    assert "postal_code" in refused.value.message_dict
    association.refresh_from_db()
    assert association.postal_code != "00000"
