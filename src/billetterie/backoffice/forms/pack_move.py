"""Forms of the hand-move page of a run: find a pack (the list's search and filters), choose it,
then say who receives it and why."""

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

# "Nobody": in the filter, the packs the run gives to no association; in the move, the pack
# goes back to nobody (it stays available).
NOBODY = "personne"
# The largest identifier a database column holds: a bigger number is refused before any query.
MAX_ID = 2**31 - 1


def _tickets(n: int) -> str:
    return f"{n} billet{'s' if n > 1 else ''}"


class RunPackFilterForm(forms.Form):
    """The list's filters, read from the address (GET): every page of the list can be linked to."""

    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=100,
        help_text="Référence du lot, sport, code de l'épreuve ou nom de l'association.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sport = forms.ChoiceField(label="Sport", required=False)
    day = forms.TypedChoiceField(
        label="Date", required=False, coerce=dt.date.fromisoformat, empty_value=None
    )
    city = forms.TypedChoiceField(label="Ville hôte", required=False, coerce=int, empty_value=None)
    size = forms.TypedChoiceField(label="Taille", required=False, coerce=int, empty_value=None)
    holder = forms.ChoiceField(label="Proposé à", required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["sport"].choices = [("", "Tous les sports"), *[(s, s) for s in choices["sports"]]]
        fields["day"].choices = [
            ("", "Toutes les dates"),
            *[(d.isoformat(), date_format(d, "l j F Y")) for d in choices["days"]],
        ]
        fields["city"].choices = [("", "Toutes les villes"), *choices["cities"]]
        fields["size"].choices = [
            ("", "Toutes les tailles"),
            *[(n, _tickets(n)) for n in choices["sizes"]],
        ]
        fields["holder"].choices = [
            ("", "Toutes les associations"),
            (NOBODY, "Personne (lot non attribué)"),
            *choices["holders"],
        ]

    def _valid(self) -> dict:
        """The fields that were read correctly: a value the page no longer offers (a stale link)
        is left out, and its message shows beside its field."""
        self.is_valid()
        return self.cleaned_data

    def filters(self) -> dict:
        """The arguments of `allocation.selectors.run_packs`."""
        data = self._valid()
        holder = data.get("holder") or ""
        return {
            "search": (data.get("q") or "").strip(),
            "sport": data.get("sport") or "",
            "day": data.get("day"),
            "host_city_id": data.get("city"),
            "size": data.get("size"),
            "unassigned": holder == NOBODY,
            "holder_id": int(holder) if holder not in ("", NOBODY) else None,
        }

    def query(self) -> str:
        """The filters in force as a query string, kept in the page's links and in its form's
        address (so that a move, refused or done, comes back to the same list)."""
        data = self._valid()
        return urlencode(
            [
                (name, self.data[name])
                for name in self.fields
                if data.get(name) and self.data.get(name)
            ]
        )

    @property
    def in_force(self) -> bool:
        return bool(self.query())


class PackChoiceForm(forms.Form):
    """The pack chosen in the list (`?pack=…`), or posted with the move."""

    pack = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)

    def pack_id(self) -> int | None:
        return self.cleaned_data["pack"] if self.is_valid() else None


class PackMoveForm(forms.Form):
    """Who receives the chosen pack, and why. The associations are grouped as the rule sees them
    for this pack (those it allows, with what they already have; those it refuses, with the
    reason); the run's service checks the rule again and refuses with the same words."""

    pack = forms.IntegerField(
        label="Lot à déplacer",
        widget=forms.HiddenInput,
        min_value=1,
        max_value=MAX_ID,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            "Choisissez d'abord un lot dans la liste.",
        ),
    )
    association = forms.ChoiceField(
        label="Nouvelle association",
        error_messages={
            "required": "Choisissez l'association qui reçoit le lot, ou « Personne ».",
            "invalid_choice": "Choisissez une association de la liste.",
        },
    )
    reason = forms.CharField(
        label="Motif",
        max_length=255,
        help_text="Obligatoire : il figure au journal des actions et dans l'explication de "
        "l'association.",
        error_messages={
            "required": "Indiquez le motif du déplacement.",
            "max_length": "255 caractères au plus.",
        },
    )

    def __init__(self, *args, pack=None, targets=(), associations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pack = pack
        choices = [("", "— choisir —")]
        if pack is None:
            # No pack to judge the associations against: the run's associations as they are.
            choices += [(NOBODY, "Personne : le lot reste disponible"), *associations]
        else:
            holder = pack.holder_id
            if holder is not None:
                choices.append((NOBODY, "Personne : le lot reste disponible"))
            others = [t for t in targets if t.association_id != holder]
            allowed = [t for t in others if t.refusal is None]
            refused = [t for t in others if t.refusal is not None]
            if allowed:
                choices.append(
                    (
                        f"La règle le permet ({len(allowed)})",
                        [(t.association_id, self._allowed_label(t)) for t in allowed],
                    )
                )
            if refused:
                choices.append(
                    (
                        f"La règle le refuse ({len(refused)})",
                        [(t.association_id, f"{t.name} — {t.refusal}") for t in refused],
                    )
                )
        self.fields["association"].choices = choices

    @staticmethod
    def _allowed_label(target) -> str:
        return (
            f"{target.name} — a {_tickets(target.held)} {target.games} "
            f"pour une demande restante de {target.requested}"
        )

    def clean_pack(self) -> int:
        value = self.cleaned_data["pack"]
        if self.pack is None or self.pack.pk != value:
            raise ValidationError("Choisissez d'abord un lot dans la liste.")
        return value

    def clean_association(self) -> int | None:
        value = self.cleaned_data["association"]
        return None if value == NOBODY else int(value)
