"""Forms of the portal's attendees pages: they translate input, the services decide."""

from django import forms

from billetterie.attendees.models import PersonKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.Form):
    kind = forms.ChoiceField(
        label="Rôle", choices=PersonKind.choices, widget=forms.RadioSelect, initial=PersonKind.YOUTH
    )
    last_name = forms.CharField(
        label="Nom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    first_name = forms.CharField(
        label="Prénom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    birth_date = forms.DateField(
        label="Date de naissance",
        required=False,
        widget=DATE_INPUT,
        help_text="Obligatoire pour un jeune (JJ/MM/AAAA).",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    mobile_phone = forms.CharField(
        label="Téléphone portable",
        max_length=30,
        required=False,
        help_text="Pour un encadrant ; obligatoire pour le responsable de groupe (06, 07, 0690, 0696…).",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="E-mail", required=False, help_text="Facultatif, pour un encadrant."
    )


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
                f"Lot {p.reference} — {p.session.sport}, {p.session.date:%d/%m/%Y}, "
                f"{p.session.venue.host_city} ({p.size} billets)",
            )
            for p in packs
        ]


class DerogationForm(forms.Form):
    supervisors = forms.IntegerField(
        label="Nombre d'encadrants souhaité", min_value=1, max_value=500
    )
    reason = forms.CharField(
        label="Motif de la demande",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Par exemple : jeunes en situation de handicap nécessitant un accompagnement renforcé.",
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tableau rempli (.xlsx ou .csv)",
        help_text="Le tableau téléchargé ci-dessus, complété dans Excel ou LibreOffice.",
    )
    dry_run = forms.BooleanField(label="Vérifier seulement, sans rien enregistrer", required=False)


class SubmitForm(forms.Form):
    attested = forms.BooleanField(
        label=(
            "J'atteste que les jeunes nommés sont directement suivis ou accueillis par notre "
            "association."
        ),
        required=False,
    )


class CharterForm(forms.Form):
    acknowledged = forms.BooleanField(
        label="J'ai lu la charte d'utilisation des billets et je m'engage à la respecter au nom de l'association.",
        error_messages={"required": "Cochez la case pour accepter la charte."},
    )


class LetterUploadForm(forms.Form):
    file = forms.FileField(
        label="Courrier signé (PDF, JPEG ou PNG, 5 Mo au plus)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class NameChangeForm(forms.Form):
    new_person = forms.TypedChoiceField(label="Nouveau bénéficiaire", coerce=int)
    reason = forms.CharField(
        label="Motif",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : enfant malade, changement d'encadrant.",
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_person"].choices = [("", "— choisir —")] + [
            (p.pk, f"{p.display_name} ({p.get_kind_display().lower()})") for p in people
        ]
