"""Form of the attendance page: how many youth and supervisors came with a group, and a comment."""

from django import forms

from billetterie.delivery.attendance import COMMENT_MAX

NUMBER_ERRORS = {
    "required": "Indiquez un nombre (0 si personne n'est venu).",
    "invalid": "Indiquez un nombre entier.",
    "min_value": "Indiquez un nombre positif ou nul.",
    "max_value": "Ce nombre est trop grand.",
}


class AttendanceForm(forms.Form):
    youth_present = forms.IntegerField(
        label="Jeunes présents",
        min_value=0,
        max_value=500,
        error_messages=NUMBER_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    supervisors_present = forms.IntegerField(
        label="Encadrants présents",
        min_value=0,
        max_value=500,
        error_messages=NUMBER_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Facultatif : un retard, un imprévu, ce qui s'est bien passé. N'écrivez le nom "
        "de personne.",
        error_messages={"max_length": f"Le commentaire dépasse {COMMENT_MAX} caractères."},
    )
    # Set by the « Confirmer la correction » button, once the changes were shown.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "youth_present"
        ].help_text = f"Au plus {row.named_youth} (les jeunes nommés sur les billets du groupe)."
        self.fields[
            "supervisors_present"
        ].help_text = (
            f"Au plus {row.named_supervisors} (les encadrants nommés sur les billets du groupe)."
        )
        if row.report is not None and not self.is_bound:
            self.initial = {
                "youth_present": row.report.youth_present,
                "supervisors_present": row.report.supervisors_present,
                "comment": row.report.comment,
            }

    def changes(self, report) -> list[tuple[str, str, str]]:
        """(what, before, after) of a correction of `report`; [] when nothing changes."""
        data = self.cleaned_data
        found = []
        for name in ("youth_present", "supervisors_present"):
            if getattr(report, name) != data[name]:
                found.append((self.fields[name].label, str(getattr(report, name)), str(data[name])))
        if report.comment != data["comment"].strip():
            found.append(
                ("Commentaire", report.comment or "(aucun)", data["comment"].strip() or "(aucun)")
            )
        return found
