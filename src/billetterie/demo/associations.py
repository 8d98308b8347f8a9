"""The demo's member associations and their establishments, placed in real towns."""

import math
import random

from billetterie.campaigns.models import Operator
from billetterie.demo.places import DEPARTEMENTS
from billetterie.demo.roster import ASSOCIATIONS, ESTABLISHMENT_NAMES, ESTABLISHMENT_PATTERNS
from billetterie.members.models import Association, Establishment

IDENTIFIERS = tuple(f"CNAPE-{n:03d}" for n in range(1, len(ASSOCIATIONS) + 1))


def of_town(*, town: str) -> str:
    """French « de » before a town name: de Lille, du Havre, des Abymes, d'Arras."""
    if town.startswith("Le "):
        return f" du {town[3:]}"
    if town.startswith("Les "):
        return f" des {town[4:]}"
    if town[0] in "AEIOUÉÈaeiouéè":
        return f" d'{town}"
    return f" de {town}"


def youth_followed_draw(*, rng: random.Random) -> int:
    """Heavy-tailed: most follow a few hundred youth, a few follow up to 2,000."""
    return int(min(2000, max(30, rng.lognormvariate(math.log(220), 0.95))))


def associations_create(*, rng: random.Random, operator: Operator) -> list[Association]:
    """Create the roster's associations (1 to 3 establishments each) and return them in order."""
    associations = []
    for identifier, (name, departement, town_name, is_member) in zip(
        IDENTIFIERS, ASSOCIATIONS, strict=True
    ):
        towns = DEPARTEMENTS[departement][1]
        town = next((t for t in towns if t[0] == town_name), towns[0])
        associations.append(
            Association(
                operator=operator,
                identifier=identifier,
                name=name,
                is_member=is_member,
                postal_code=town[1],
                town=town[0],
                departement=departement,
                latitude=town[2],
                longitude=town[3],
                youth_followed=youth_followed_draw(rng=rng),
            )
        )
    associations = Association.objects.bulk_create(associations)
    if any(a.pk is None for a in associations):
        by_identifier = {
            a.identifier: a
            for a in Association.objects.filter(operator=operator, identifier__in=IDENTIFIERS)
        }
        associations = [by_identifier[a.identifier] for a in associations]
    establishments = []
    for association in associations:
        towns = DEPARTEMENTS[association.departement][1]
        home = next(
            t for t in towns if t[0] == association.town and t[1] == association.postal_code
        )
        others = [t for t in towns if t is not home]
        count = 1 if association.youth_followed < 80 else rng.randint(1, 3)
        places = [home, *rng.sample(others, k=min(count - 1, len(others)))]
        names: set[str] = set()
        for town in places:
            name = rng.choice(ESTABLISHMENT_PATTERNS).format(
                of_town=of_town(town=town[0]), name=rng.choice(ESTABLISHMENT_NAMES)
            )
            if name in names:
                continue
            names.add(name)
            establishments.append(
                Establishment(
                    association=association,
                    name=name,
                    postal_code=town[1],
                    town=town[0],
                    departement=association.departement,
                    latitude=town[2],
                    longitude=town[3],
                )
            )
    Establishment.objects.bulk_create(establishments)
    return associations
