"""The buttons of the report for the funder."""

from django import forms


class FunderReportForm(forms.Form):
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("xlsx", "Excel (.xlsx)")], required=False)

    def file_format(self) -> str:
        """The format asked for; anything unreadable is PDF."""
        if self.is_valid() and self.cleaned_data["format"]:
            return self.cleaned_data["format"]
        return "pdf"
