"""The step of a page that shows a change before making it: preview, back to the fields, confirm."""

from django import forms

PREVIEW, EDIT, CONFIRM = "preview", "edit", "confirm"


class StepForm(forms.Form):
    """Sent by the buttons of a preview-then-confirm page; `seen` is the token of the preview that
    the person read (see core.changes.changes_token)."""

    step = forms.ChoiceField(
        required=False, choices=[(PREVIEW, PREVIEW), (EDIT, EDIT), (CONFIRM, CONFIRM)]
    )
    seen = forms.CharField(required=False, max_length=64)

    def chosen(self) -> tuple[str, str]:
        """(step, token seen); a missing or unreadable step is the first one, the preview."""
        if not self.is_valid():
            return PREVIEW, ""
        return self.cleaned_data["step"] or PREVIEW, self.cleaned_data["seen"]
