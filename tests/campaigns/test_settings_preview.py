"""The preview of a campaign's settings: a pure read that words each change and its consequences."""

import datetime as dt
from decimal import Decimal

from billetterie.campaigns.models import Campaign
from billetterie.campaigns.selectors import campaign_settings_preview
from billetterie.campaigns.services import operator_settings_update
from billetterie.core.models import AuditEntry

TODAY = dt.date(2024, 3, 15)


def _preview(campaign, names_given=0, flag=False, deadlines=None, **values):
    return campaign_settings_preview(
        campaign=campaign,
        values=values,
        nominative_deadlines=deadlines or {},
        referents_second_factor=flag,
        names_given=names_given,
        today=TODAY,
    )


def test_a_stricter_ratio_after_names_were_given_warns_that_groups_may_break_it(campaign):
    (change,) = _preview(campaign, names_given=12, max_supervisors_per_youth=Decimal("0.25"))
    assert (change.label, change.before, change.after) == (
        "Encadrement",
        "au plus 1 encadrant pour 3 jeunes",
        "au plus 1 encadrant pour 4 jeunes",
    )
    assert "Des bénéficiaires sont déjà nommés (12 billets)" in change.warnings[0]
    assert "des groupes peuvent compter trop d'encadrants" in change.warnings[0]
    # Before any name, or with a looser rule, nothing can break.
    assert _preview(campaign, max_supervisors_per_youth=Decimal("0.25"))[0].warnings == ()
    looser = _preview(campaign, names_given=12, max_supervisors_per_youth=Decimal("0.5"))
    assert looser[0].warnings == ()


def test_fewer_tickets_per_youth_after_names_were_given_warns_too(campaign):
    (change,) = _preview(campaign, names_given=1, max_tickets_per_youth=1)
    assert change.after == "au plus 1 billet par jeune"
    assert "des jeunes peuvent avoir plus de billets que permis" in change.warnings[0]


def test_an_earlier_retention_date_says_when_data_will_be_erased(campaign):
    campaign.retention_until = dt.date(2025, 2, 28)
    (change,) = _preview(campaign, retention_until=dt.date(2024, 12, 31))
    assert change.before == "28 février 2025" and change.after == "31 décembre 2024"
    assert "seront effacées le 1 janvier 2025, sans retour possible" in change.warnings[0]
    assert "plus tôt que prévu jusqu'ici (28 février 2025)" in change.warnings[1]


def test_unchanged_values_are_not_changes(campaign):
    values = {name: getattr(campaign, name) for name in ("name", "max_tickets_per_youth")}
    assert _preview(campaign, **values) == []
    assert _preview(campaign, deadlines={"OG": None, "PG": None}) == []


def test_nothing_is_written_by_a_preview(campaign):
    before = Campaign.objects.filter(pk=campaign.pk).values().get()
    _preview(campaign, flag=True, continuous_mode=True, deadlines={"OG": dt.date(2024, 4, 26)})
    assert Campaign.objects.filter(pk=campaign.pk).values().get() == before
    assert not campaign.games_settings.exclude(nominative_deadline=None).exists()
    assert not AuditEntry.objects.exclude(action="campaign.created").exists()


def test_operator_settings_update_audits_a_change_and_only_a_change(campaign, operator_user):
    operator = campaign.operator
    assert (
        operator_settings_update(
            operator=operator, actor=operator_user, referents_second_factor=False
        )
        == {}
    )
    changes = operator_settings_update(
        operator=operator, actor=operator_user, referents_second_factor=True
    )
    assert changes == {"referents_second_factor": {"before": False, "after": True}}
    operator.refresh_from_db()
    assert operator.referents_second_factor is True
    entry = AuditEntry.objects.get(action="operator.updated")
    assert entry.subject_label == operator.name and entry.actor == operator_user


def test_the_size_weight_reads_as_what_a_bigger_request_counts_for(campaign):
    (change,) = _preview(campaign, size_weight_exponent=Decimal("0.25"))
    assert change.label == "Poids de la taille des demandes (α)"
    assert change.before.startswith("0,50 : une demande 4 fois plus grande pèse 2 fois plus")
    assert change.after.startswith("0,25 : une demande 4 fois plus grande pèse 1,4 fois plus")
    (change,) = _preview(campaign, size_weight_exponent=Decimal("0"))
    assert (
        change.after
        == "0 : chaque association pèse autant, quelle que soit la taille de sa demande"
    )
