"""Forms of the group pages: gather packs into a group, then name a person on each of its tickets."""

from django import forms

from billetterie.core.plural import plural

INVALID_VALUE = {"invalid": "Une valeur du formulaire est invalide : rechargez la page."}


class GroupNewForm(forms.Form):
    packs = forms.MultipleChoiceField(
        label="Lots du groupe",
        widget=forms.CheckboxSelectMultiple,
        help_text="Un lot, ou plusieurs lots de la même épreuve.",
    )
    name = forms.CharField(
        label="Nom du groupe",
        max_length=80,
        required=False,
        help_text="Facultatif, par exemple « Foyer des Lilas ».",
    )

    def __init__(self, *args, packs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["packs"].choices = [
            (
                str(p.pk),
                f"Lot {p.reference} — {p.session.event_name}, {p.session.date:%d/%m/%Y}, "
                f"{p.session.venue.host_city} ({plural(p.size, 'billet')})",
            )
            for p in packs
        ]

    def pack_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["packs"]]


def _person_id_field() -> forms.IntegerField:
    return forms.IntegerField(required=False, error_messages=INVALID_VALUE)


class GroupHoldersForm(forms.Form):
    """The group page: a person per ticket (`billet-<id>`), the leader (`responsable`), the button.

    The page draws its selects by hand (optgroups of youth and supervisors) with these names, and
    static/js/attendees.js posts the same form with `fragment` for the live check: keep the names.
    The form only reads ids; the group services decide whether those people may hold the tickets.
    """

    responsable = _person_id_field()
    action = forms.CharField(required=False)  # "verifier" or "enregistrer", the button pressed
    fragment = forms.BooleanField(required=False)  # set by attendees.js: answer the checks only

    def __init__(self, *args, tickets, **kwargs):
        super().__init__(*args, **kwargs)
        self.tickets = tickets
        for ticket in tickets:
            self.fields[f"billet-{ticket.pk}"] = _person_id_field()

    def assignments(self) -> dict[int, int | None]:
        """Ticket id → person id; None for a ticket left to name or a value the form refused."""
        return {t.pk: self.cleaned_data.get(f"billet-{t.pk}") for t in self.tickets}

    def leader_id(self) -> int | None:
        return self.cleaned_data.get("responsable")

    def saves(self) -> bool:
        return self.is_valid() and self.cleaned_data["action"] == "enregistrer"

    def wants_fragment(self) -> bool:
        self.is_valid()  # cleans every field; `fragment` itself is never refused
        return self.cleaned_data["fragment"]

    def problems(self) -> list[str]:
        """Every error on the form (the form's own and the services'), each message once."""
        return list(dict.fromkeys(m for messages in self.errors.values() for m in messages))
