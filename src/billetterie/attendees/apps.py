"""Named attendees: people, groups, ticket holders, rules, derogations, letters and name changes."""

from django.apps import AppConfig


class AttendeesConfig(AppConfig):
    name = "billetterie.attendees"
    verbose_name = "Bénéficiaires"

    def ready(self):
        from billetterie.attendees.services.groups import pack_release
        from billetterie.attendees.services.purge import (
            attendees_personal_data_held,
            attendees_personal_data_purge,
        )
        from billetterie.attendees.services.reminders import attendees_periodic
        from billetterie.core import hooks

        hooks.pack_left_association.connect(pack_release)
        hooks.personal_data_held.connect(attendees_personal_data_held)
        hooks.personal_data_purge.connect(attendees_personal_data_purge)
        hooks.periodic.connect(attendees_periodic)
