"""Forms of the back office's lodging pages."""

from django import forms

from billetterie.backoffice.forms.lodging_travel import minutes_parse
from billetterie.lodging.selectors.backoffice import TIME_LIMITS
from billetterie.lodging.travel import format_minutes


class LodgingSettingsForm(forms.Form):
    threshold = forms.CharField(
        label="Seuil de temps de trajet vers Paris",
        max_length=10,
        help_text="En heures et minutes (« 2:30 ») ou en minutes (« 150 ») : au-delà, "
        "l'association est invitée à déclarer ses besoins d'hébergement.",
    )
    needs_deadline = forms.DateField(
        label="Date limite des besoins",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    offers_deadline = forms.DateField(
        label="Date limite des offres d'hébergement",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    @classmethod
    def initial_of(cls, settings) -> dict:
        if settings is None:
            return {"threshold": "2:30"}
        minutes = settings.threshold_minutes
        return {
            "threshold": f"{minutes // 60}:{minutes % 60:02d}",
            "needs_deadline": settings.needs_deadline,
            "offers_deadline": settings.offers_deadline,
        }

    def clean_threshold(self):
        minutes = minutes_parse(self.cleaned_data["threshold"])
        if minutes is None:
            raise forms.ValidationError(
                "Écrivez le seuil en heures et minutes (« 2:30 ») ou en minutes (« 150 »)."
            )
        return minutes

    def words(self) -> str:
        return format_minutes(self.cleaned_data["threshold"])


class PracticalForm(forms.Form):
    text = forms.CharField(
        label="Texte de la page pratique",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
    )


class HostInviteForm(forms.Form):
    name = forms.CharField(label="Nom de la structure", max_length=255)
    postal_code = forms.CharField(label="Code postal", max_length=5)
    town = forms.CharField(label="Commune", max_length=120)
    departement = forms.CharField(
        label="Département",
        max_length=3,
        required=False,
        help_text="Son numéro (« 93 ») ; laissez vide pour le déduire du code postal.",
    )
    first_name = forms.CharField(label="Prénom de la personne à contacter", max_length=150)
    last_name = forms.CharField(label="Nom de la personne à contacter", max_length=150)
    email = forms.EmailField(label="Adresse e-mail", max_length=254)
    phone = forms.CharField(label="Téléphone", max_length=32, required=False)


class HostInviteExistingForm(forms.Form):
    association = forms.TypedChoiceField(label="Association déjà inscrite", coerce=int)

    def __init__(self, *args, associations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].choices = [("", "Choisissez une association")] + [
            (a.pk, f"{a.name} ({a.town})") for a in associations
        ]


class RunStartForm(forms.Form):
    time_limit = forms.TypedChoiceField(
        label="Temps de calcul au plus",
        coerce=int,
        choices=[(s, f"{s} secondes") for s in TIME_LIMITS],
        initial=10,
        widget=forms.RadioSelect,
    )


class PlacementCancelForm(forms.Form):
    reason = forms.CharField(
        label="Motif de l'annulation (les deux associations le liront)",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AdjustForm(forms.Form):
    """A change to a run's proposal, as posted: the service checks the host can take the group."""

    action = forms.ChoiceField(choices=[("move", "move"), ("remove", "remove"), ("add", "add")])
    placement = forms.IntegerField(min_value=1, required=False)
    need = forms.IntegerField(min_value=1, required=False)
    offer = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action in ("move", "remove") and not data.get("placement"):
            raise forms.ValidationError("Cette demande est illisible : rien n'a changé.")
        if action == "add" and not data.get("need"):
            raise forms.ValidationError("Cette demande est illisible : rien n'a changé.")
        if action in ("move", "add") and not data.get("offer"):
            raise forms.ValidationError("Choisissez un hébergeur dans la liste.")
        return data
