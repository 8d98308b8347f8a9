"""Forms of the back office « Jeu-concours » page."""

from django import forms

from billetterie.contest.models import ScoreMethod
from billetterie.contest.selectors import TRIMMED_MIN_MEMBERS
from billetterie.contest.services.settings import MAX_SIZE_MB, MB


class ContestSettingsForm(forms.Form):
    max_duration_seconds = forms.IntegerField(
        label="Durée maximale d'un enregistrement (secondes)", min_value=5, max_value=600
    )
    max_size_mb = forms.IntegerField(
        label="Taille maximale d'un fichier (Mo)", min_value=1, max_value=MAX_SIZE_MB
    )
    prestige_tickets = forms.IntegerField(
        label="Billets prestige mis en jeu",
        min_value=0,
        required=False,
        help_text="Laissez vide pour mettre en jeu tous les billets des lots prestige.",
    )
    score_method = forms.ChoiceField(
        label="Calcul du classement",
        choices=ScoreMethod.choices,
        widget=forms.RadioSelect,
        help_text=f"La moyenne sans la note la plus haute ni la plus basse demande au moins "
        f"{TRIMMED_MIN_MEMBERS} membres du jury.",
    )
    kit_text = forms.CharField(
        label="Kit d'animation : le texte lu par les associations participantes",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    @classmethod
    def initial_of(cls, settings) -> dict:
        return {
            "max_duration_seconds": settings.max_duration_seconds,
            "max_size_mb": settings.max_size_bytes // MB,
            "prestige_tickets": settings.prestige_tickets,
            "score_method": settings.score_method,
            "kit_text": settings.kit_text,
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "max_duration_seconds": data["max_duration_seconds"],
            "max_size_bytes": data["max_size_mb"] * MB,
            "prestige_tickets": data["prestige_tickets"],
            "score_method": data["score_method"],
            "kit_text": data["kit_text"].strip(),
        }


class CriterionForm(forms.Form):
    name = forms.CharField(label="Critère", max_length=80)
    description = forms.CharField(label="Ce qui est noté", max_length=300, required=False)
    weight = forms.IntegerField(label="Poids", min_value=1, max_value=100, initial=1)


class CriterionActionForm(forms.Form):
    criterion = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(
        choices=[("save", "save"), ("delete", "delete"), ("up", "up"), ("down", "down")]
    )
    confirmed = forms.BooleanField(required=False)


class KitFileForm(forms.Form):
    title = forms.CharField(label="Titre du fichier", max_length=120)
    file = forms.FileField(label="Fichier (PDF, JPEG ou PNG, 5 Mo au plus)")


class KitDeleteForm(forms.Form):
    kit_file = forms.IntegerField(min_value=1)
    confirmed = forms.BooleanField(required=False)


class JuryMemberForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail", max_length=254)
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)


class PresidentForm(forms.Form):
    president = forms.TypedChoiceField(
        label="Président du jury", coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["president"].choices = [("", "Pas de président")] + [
            (m.pk, f"{m.first_name} {m.last_name} ({m.email})") for m in members
        ]
