"""Form of the campaign's settings page: calendar, nominative deadlines, retention, rules, and the
operator's own setting (the referents' second factor)."""

from django import forms

from billetterie.campaigns.rules import supervisors_per_youth, youth_per_supervisor
from billetterie.campaigns.selectors import reliability_sources
from billetterie.campaigns.services import EDITABLE_FIELDS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Date illisible : JJ/MM/AAAA ou AAAA-MM-JJ."},
    )


def _span(first: str, last: str) -> tuple[str, ...]:
    """The fields of `campaign_update` from `first` to `last`, in their order."""
    return EDITABLE_FIELDS[EDITABLE_FIELDS.index(first) : EDITABLE_FIELDS.index(last) + 1]


class DaysField(forms.CharField):
    """Numbers of days typed as « 14, 7, 2 »: a list from the largest (empty: none)."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(n) for n in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(
                "Indiquez des nombres de jours séparés par des virgules (par exemple 14, 7, 2)."
            )
        return sorted((int(p) for p in parts), reverse=True)


class CampaignSettingsForm(forms.Form):
    name = forms.CharField(label="Nom de la campagne", max_length=200)
    call_opens_on = date_field("Ouverture de l'appel à candidatures")
    call_closes_on = date_field(
        "Clôture de l'appel à candidatures",
        help_text="Les demandes reçues ensuite vont sur la liste d'attente.",
    )
    response_delay_days = forms.IntegerField(
        label="Délai de réponse aux propositions (jours)",
        min_value=1,
        max_value=60,
        help_text="Pour les propositions envoyées après l'enregistrement.",
    )
    contest_opens_on = date_field("Ouverture du jeu-concours")
    contest_closes_on = date_field("Clôture du jeu-concours")
    contest_confirmation_deadline = date_field("Confirmation de participation au jeu-concours")
    jury_deliberation_on = date_field("Délibération du jury")
    retention_until = date_field(
        "Conservation des données personnelles jusqu'au",
        required=True,
        help_text="Le lendemain, les données personnelles de la campagne sont effacées. "
        "Au plus tôt : demain.",
    )
    youth_per_supervisor = forms.IntegerField(
        label="Encadrement : nombre de jeunes pour 1 encadrant",
        min_value=1,
        max_value=20,
        help_text="Dans chaque groupe, au plus 1 encadrant pour ce nombre de jeunes "
        "(par exemple 3 : 1 encadrant pour 3 jeunes).",
    )
    max_tickets_per_youth = forms.IntegerField(
        label="Billets par jeune au maximum", min_value=1, max_value=20
    )
    size_weight_exponent = forms.DecimalField(
        label="Poids de la taille des demandes (α)",
        min_value=0,
        max_value=1,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="Entre 0 et 1. 0 : chaque association pèse autant, quelle que soit sa "
        "demande ; 1 : le poids suit la demande ; 0,5 : une demande 4 fois plus grande pèse 2 "
        "fois plus.",
    )
    over_request_tolerance = forms.IntegerField(
        label="Tolérance de dépassement de la demande (billets)", min_value=0, max_value=50
    )
    continuous_mode = forms.BooleanField(
        label="Réattribution en continu",
        required=False,
        help_text="Un lot décliné, expiré ou rendu est aussitôt proposé à l'association suivante.",
    )
    nominative_reminder_days = DaysField(
        label="Rappels avant l'échéance des attributions nominatives (jours)",
        required=False,
        max_length=40,
        help_text="Par exemple 14, 7, 2 : les associations qui ont encore des billets à nommer "
        "ou un courrier d'engagement à déposer reçoivent un e-mail 14, 7 et 2 jours avant "
        "l'échéance de chaque Jeux. Vide : aucun rappel.",
    )
    reliability_source = forms.ModelChoiceField(
        label="Tenir compte de la fiabilité d'une campagne précédente",
        queryset=None,
        required=False,
        empty_label="Non : la fiabilité n'est pas prise en compte",
        help_text="Les associations dont la fiabilité dans la campagne choisie est sous le seuil "
        "passent au rang suivant de la règle d'attribution. La page « Attribution » les nomme "
        "avant chaque calcul.",
    )
    reliability_threshold = forms.IntegerField(
        label="Seuil de fiabilité (%)",
        min_value=1,
        max_value=100,
        required=False,
        help_text="Par exemple 60 : une association dont la fiabilité est sous 60 % passe au rang "
        "suivant. Une association sans donnée dans cette campagne garde son rang.",
    )
    referents_second_factor = forms.BooleanField(
        label="Double authentification obligatoire pour les référents",
        required=False,
        help_text="Réglage de l'opérateur : il vaut pour toutes ses campagnes.",
    )

    # The campaign's fields as `campaign_update` takes them; the ratio is typed as "1 for N youth".
    CAMPAIGN_FIELDS = tuple(f for f in EDITABLE_FIELDS if f != "max_supervisors_per_youth")
    DEADLINES = "nominative_deadline_*"  # one field per Games of the campaign
    GROUPS = (
        ("Campagne", ("name",)),
        ("Calendrier", _span("call_opens_on", "jury_deliberation_on")),
        ("Attributions nominatives", (DEADLINES, "nominative_reminder_days")),
        ("Données personnelles", ("retention_until",)),
        ("Règles", ("youth_per_supervisor", *_span("max_tickets_per_youth", "continuous_mode"))),
        ("Critère de fiabilité", ("reliability_source", "reliability_threshold")),
        ("Sécurité des comptes des référents", ("referents_second_factor",)),
    )

    def __init__(self, *args, campaign, games_settings, **kwargs):
        self.campaign = campaign
        self.games_codes = []
        initial = {name: getattr(campaign, name) for name in self.CAMPAIGN_FIELDS}
        initial["youth_per_supervisor"] = youth_per_supervisor(campaign=campaign)
        initial["referents_second_factor"] = campaign.operator.referents_second_factor
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["reliability_source"].queryset = reliability_sources(campaign=campaign)
        for setting in games_settings:
            name = f"nominative_deadline_{setting.games.code}"
            self.games_codes.append(setting.games.code)
            self.fields[name] = date_field(
                f"Échéance des attributions nominatives — {setting.games.name}",
                help_text="Jusqu'à ce jour inclus, les associations donnent et modifient les noms.",
            )
            self.initial[name] = setting.nominative_deadline

    def groups(self) -> list[tuple[str, list]]:
        """The fields by fieldset, in the page's order."""
        deadlines = [f"nominative_deadline_{code}" for code in self.games_codes]
        return [
            (
                legend,
                [
                    self[n]
                    for name in names
                    for n in (deadlines if name == self.DEADLINES else [name])
                ],
            )
            for legend, names in self.GROUPS
        ]

    def campaign_values(self) -> dict:
        """The calendar and rules for `campaign_update`. The ratio is typed as "1 for N youth"; an
        unchanged N keeps the stored ratio as it is (0.333 stays 0.333)."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.CAMPAIGN_FIELDS}
        youth = data["youth_per_supervisor"]
        values["max_supervisors_per_youth"] = (
            self.campaign.max_supervisors_per_youth
            if youth == youth_per_supervisor(campaign=self.campaign)
            else supervisors_per_youth(youth=youth)
        )
        return values

    def clean(self):
        data = super().clean()
        source, threshold = data.get("reliability_source"), data.get("reliability_threshold")
        if source is not None and threshold is None and "reliability_threshold" not in self.errors:
            self.add_error("reliability_threshold", "Indiquez le seuil, en %.")
        if threshold is not None and source is None and "reliability_source" not in self.errors:
            self.add_error(
                "reliability_source", "Choisissez la campagne précédente, ou videz le seuil."
            )
        return data

    def nominative_deadlines(self) -> dict:
        return {code: self.cleaned_data[f"nominative_deadline_{code}"] for code in self.games_codes}
