"""The upload form of the import pages: a file and whether to only check it; the confirmation of
a file that replaces recorded values."""

from django import forms
from django.conf import settings


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier à importer",
        help_text="Classeur .xlsx ou fichier .csv (séparateur virgule ou point-virgule).",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={
            "required": "Choisissez un fichier.",
            "empty": "Le fichier envoyé est vide.",
            "invalid": "Aucun fichier n'a été reçu : choisissez-le de nouveau.",
        },
    )
    # Set by the "Vérifier sans enregistrer" button; the "Importer" button leaves it out.
    dry_run = forms.BooleanField(label="Vérifier sans enregistrer", required=False)

    def clean_file(self):
        file = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if file.size > limit:
            raise forms.ValidationError(
                f"Le fichier dépasse la taille maximale autorisée ({limit / (1024 * 1024):.0f} Mo)."
            )
        return file


class ImportConfirmForm(forms.Form):
    """The confirmation of a file that replaces recorded values: the kept file's token and the
    fingerprint of the list of replacements the person read."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)
