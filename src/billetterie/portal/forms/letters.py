"""Form of the commitment letter page: the signed scan, checked as the service will check it."""

from django import forms

from billetterie.attendees.services.letters import MAX_BYTES, scan_check


class LetterUploadForm(forms.Form):
    file = forms.FileField(
        label="Courrier signé (PDF, JPEG ou PNG, 5 Mo au plus)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_file(self) -> bytes:
        """The scan's bytes; a file that is too big is refused after reading just past the limit."""
        content = self.cleaned_data["file"].read(MAX_BYTES + 1)
        scan_check(content)
        return content
