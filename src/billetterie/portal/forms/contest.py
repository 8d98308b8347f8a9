"""Forms of the portal's « Jeu-concours » page: take part, deposit the audio."""

from django import forms
from django.utils import timezone

from billetterie.contest.audio import FORMATS_WORDS

ACCEPT = (
    "audio/mpeg,audio/mp4,audio/x-m4a,audio/aac,audio/ogg,audio/opus,audio/wav,audio/x-wav,"
    "audio/webm,.mp3,.m4a,.aac,.ogg,.opus,.wav,.webm"
)


class ParticipationForm(forms.Form):
    group_size = forms.IntegerField(
        label="Taille du groupe qui irait à l'épreuve (jeunes et encadrants)",
        min_value=1,
        max_value=60,
        help_text="Elle sert à choisir un lot prestige à la taille de votre groupe si vous gagnez.",
        error_messages={
            "required": "Indiquez combien de personnes iraient (jeunes et encadrants).",
            "invalid": "Indiquez un nombre entier.",
            "min_value": "Indiquez un groupe de 1 à 60 personnes.",
            "max_value": "Indiquez un groupe de 1 à 60 personnes.",
        },
    )


class EntryForm(forms.Form):
    file = forms.FileField(
        label="Enregistrement audio",
        help_text=f"Formats acceptés : {FORMATS_WORDS}.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        allow_empty_file=True,  # the service names the empty file in its message
        error_messages={"required": "Choisissez le fichier audio à déposer."},
    )
    consent = forms.BooleanField(
        label="J'atteste que les représentants légaux de chaque enfant enregistré ont donné leur "
        "accord à cet enregistrement et à son écoute par le jury.",
        required=False,
    )
    # The replacement the person saw (the entry's number of replacements), and their agreement.
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False)

    def __init__(self, *args, entry=None, max_bytes: int = 10_000_000, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["seen"].initial = entry.replaced_count if entry else None
        if entry is not None:
            self.fields["replace"].label = (
                f"Je remplace l'enregistrement déposé le "
                f"{timezone.localtime(entry.uploaded_at):%d/%m/%Y à %H:%M} : l'ancien sera effacé."
            )
        self.fields["file"].help_text += f" {max_bytes // 1_000_000} Mo au plus."

    def upload(self) -> tuple[bytes, str]:
        """The file's bytes (read just past the limit: the service refuses a bigger one), name."""
        upload = self.cleaned_data["file"]
        return upload.read(self.max_bytes + 1), upload.name or ""
