"""The page number of a paginated list (`?page=3`), read like any other input."""

from django import forms


class PageForm(forms.Form):
    page = forms.IntegerField(required=False)

    def number(self) -> int | None:
        """The page asked for; None (the first page) when it is missing or unreadable."""
        return self.cleaned_data["page"] if self.is_valid() else None
