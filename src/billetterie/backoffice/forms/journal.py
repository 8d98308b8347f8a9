"""Forms of the audit log page: which actions to show."""

from django import forms


class AuditFilterForm(forms.Form):
    """The action named in the address (`?action=offer.extended`); anything unreadable shows all."""

    action = forms.CharField(required=False)

    def action_or_none(self) -> str | None:
        return (self.cleaned_data["action"] or None) if self.is_valid() else None
