"""Forms of the packs pages: filter the list, withdraw or restore a pack, correct it."""

from django import forms

from billetterie.inventory.models import PackStatus

REASON_HELP = "Il est enregistré dans l'historique du lot et dans le journal de la campagne."


class PackFilterForm(forms.Form):
    games = forms.ChoiceField(label="Jeux", required=False)
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous les états"), *PackStatus.choices]
    )
    prestige = forms.ChoiceField(
        label="Prestige",
        required=False,
        choices=[("", "Tous les lots"), ("oui", "Prestige"), ("non", "Hors prestige")],
    )
    city = forms.TypedChoiceField(label="Ville hôte", required=False, coerce=int, empty_value=None)
    q = forms.CharField(label="Référence, sport ou épreuve", required=False, max_length=100)

    def __init__(self, *args, games=(), cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["games"].choices = [
            ("", "Tous les Jeux"),
            *[(g.code, g.short_name) for g in games],
        ]
        self.fields["city"].choices = [("", "Toutes les villes"), *[(c.pk, c.name) for c in cities]]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "games_code": data["games"],
            "status": data["status"],
            "is_prestige": {"oui": True, "non": False}.get(data["prestige"]),
            "host_city_id": data["city"],
            "search": data["q"].strip(),
        }


def reason_field(label: str, required_message: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
        error_messages={"required": required_message},
    )


class PackReasonForm(forms.Form):
    """Withdraw or restore: the reason is the confirmation."""

    reason = reason_field("Motif", "Indiquez le motif.")

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label


class PackCorrectForm(forms.Form):
    size = forms.IntegerField(label="Nombre de billets", min_value=1, max_value=500)
    is_prestige = forms.BooleanField(label="Lot prestige (réservé au jeu-concours)", required=False)
    reason = reason_field("Motif de la correction", "Indiquez le motif de la correction.")

    @classmethod
    def initial_from(cls, pack) -> dict:
        return {"size": pack.size, "is_prestige": pack.is_prestige}
