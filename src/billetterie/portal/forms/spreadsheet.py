"""Form of the spreadsheet page: the filled-in attendees spreadsheet, and whether to only check it."""

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tableau rempli (.xlsx ou .csv)",
        help_text="Le tableau téléchargé ci-dessus, complété dans Excel ou LibreOffice.",
    )
    dry_run = forms.BooleanField(label="Vérifier seulement, sans rien enregistrer", required=False)


class ImportConfirmForm(forms.Form):
    """The confirmation of an import that changes names already given: the kept file's token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
