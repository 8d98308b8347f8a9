"""The export buttons of the attendance page."""

from django import forms


class AttendanceExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV")], required=False)

    def file_format(self) -> str:
        """The format asked for; anything unreadable is XLSX."""
        if self.is_valid() and self.cleaned_data["format"]:
            return self.cleaned_data["format"]
        return "xlsx"
