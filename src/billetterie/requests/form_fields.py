"""Form pieces shared by the referent's and the operator's application forms: dates and ranked cities."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

MAX_CITY_CHOICES = 5
_SEPARATORS = re.compile(r"[\s,;]+")
_FRENCH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date_list(text: str) -> list[dt.date]:
    """Dates written JJ/MM/AAAA or AAAA-MM-JJ, separated by lines, commas or spaces."""
    days = []
    for token in _SEPARATORS.split(text or ""):
        if not token:
            continue
        if m := _FRENCH.match(token):
            day, month, year = (int(x) for x in m.groups())
        elif m := _ISO.match(token):
            year, month, day = (int(x) for x in m.groups())
        else:
            raise ValidationError(
                f"« {token} » n'est pas une date : écrivez-la JJ/MM/AAAA (par exemple 02/08/2024) ou AAAA-MM-JJ.",
                code="invalid",
            )
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            raise ValidationError(
                f"« {token} » n'existe pas dans le calendrier.", code="invalid"
            ) from None
    return sorted(set(days))


class DateListField(forms.CharField):
    """A textarea of dates; cleans to a sorted list of distinct dates."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        return parse_date_list(super().to_python(value))

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(dt.date.fromisoformat(str(d)).strftime("%d/%m/%Y") for d in value)
        return value


def rank_label(rank: int) -> str:
    return "1er choix" if rank == 1 else f"{rank}e choix"


def add_ranked_city_fields(form: forms.Form, cities, *, required_first: bool = True) -> list[str]:
    """Add one labelled select per rank ("1er choix", "2e choix"…): works without JavaScript."""
    choices = [("", "— aucune —"), *[(c.pk, c.name) for c in cities]]
    names = []
    for rank in range(1, MAX_CITY_CHOICES + 1):
        name = f"city_{rank}"
        form.fields[name] = forms.TypedChoiceField(
            label=rank_label(rank),
            choices=choices,
            coerce=int,
            empty_value=None,
            required=required_first and rank == 1,
            error_messages={"required": "Choisissez au moins votre ville hôte préférée."},
        )
        names.append(name)
    return names


def ranked_city_ids(cleaned_data: dict) -> list[int]:
    """The chosen cities in rank order, gaps closed (a blank 2nd choice moves the 3rd up)."""
    ids = [cleaned_data.get(f"city_{rank}") for rank in range(1, MAX_CITY_CHOICES + 1)]
    return [pk for pk in ids if pk is not None]


def ranked_city_initial(application) -> dict:
    return {
        f"city_{c.rank}": c.host_city_id
        for c in application.city_choices.all()
        if c.rank <= MAX_CITY_CHOICES
    }


# The fields both application forms (the referent's and the operator's) show.
REQUEST_FIELDS = ("youth", "supervisors", "impossible_dates", "lodging_needed", "comment")


class RankedCitiesForm(forms.Form):
    """A form with up to five ranked host cities, chosen among `cities`."""

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.city_fields = add_ranked_city_fields(self, cities)

    @classmethod
    def initial_from(cls, application, *extra: str) -> dict:
        names = (*REQUEST_FIELDS, *extra)
        return {
            **{name: getattr(application, name) for name in names},
            **ranked_city_initial(application),
        }

    def city_bound_fields(self):
        return [self[name] for name in self.city_fields]
