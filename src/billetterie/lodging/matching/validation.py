"""Validation of an instance dictionary: French messages naming the group or host and the field."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .model import FORMAT, Group, Host, group_from, host_from

MAX_NIGHTS = 60


class InstanceError(ValueError):
    """A malformed instance; the message names the group or host and the field."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _where(kind: str, index: int, obj: dict) -> str:
    ident = obj.get("id") if isinstance(obj.get("id"), str) and obj.get("id") else None
    return f"{kind} « {ident} »" if ident else f"{kind} n° {index + 1}"


def _count(obj: dict, key: str, where: str, *, default: int | None = None) -> int:
    if key not in obj:
        if default is not None:
            return default
        raise InstanceError(f"{where} : champ « {key} » manquant")
    value = obj[key]
    if not _is_int(value) or value < 0:
        raise InstanceError(f"{where} : « {key} » doit être un nombre entier positif ou nul")
    return value


def _date(obj: dict, key: str, where: str) -> dt.date:
    if key not in obj:
        raise InstanceError(f"{where} : champ « {key} » manquant")
    value = obj[key]
    try:
        parsed = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.isoformat() != value:
        raise InstanceError(f"{where} : « {key} » doit être une date au format AAAA-MM-JJ")
    return parsed


def _ages(obj: dict, where: str) -> None:
    lo, hi = _count(obj, "age_min", where), _count(obj, "age_max", where)
    if lo > hi:
        raise InstanceError(f"{where} : « age_min » dépasse « age_max »")


def _point(value: Any, where: str, field: str) -> None:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(_is_number(v) for v in value)
    ):
        raise InstanceError(f"{where} : « {field} » doit être un couple [latitude, longitude]")
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InstanceError(f"{where} : « {field} » hors des limites (latitude, longitude)")


def _group(obj: Any, index: int) -> None:
    if not isinstance(obj, dict):
        raise InstanceError(f"groupe n° {index + 1} : doit être un objet")
    where = _where("groupe", index, obj)
    if not isinstance(obj.get("id"), str) or not obj["id"].strip():
        raise InstanceError(f"{where} : « id » doit être une chaîne non vide")
    youth = _count(obj, "youth", where)
    supervisors = _count(obj, "supervisors", where)
    if youth + supervisors == 0:
        raise InstanceError(f"{where} : « youth » et « supervisors » sont tous deux à 0")
    first, last = _date(obj, "first_night", where), _date(obj, "last_night", where)
    if last < first:
        raise InstanceError(f"{where} : « last_night » est avant « first_night »")
    if (last - first).days + 1 > MAX_NIGHTS:
        raise InstanceError(f"{where} : séjour de plus de {MAX_NIGHTS} nuits")
    _ages(obj, where)
    split = []
    for key in ("girls", "boys"):
        if obj.get(key) is not None:
            split.append(_count(obj, key, where))
    if sum(split) > youth:
        raise InstanceError(f"{where} : « girls » + « boys » dépasse « youth »")
    wheel = _count(obj, "wheelchair_users", where, default=0)
    if wheel > youth + supervisors:
        raise InstanceError(f"{where} : « wheelchair_users » dépasse le nombre de personnes")
    venues = obj.get("venues", [])
    if venues is None:
        venues = []
    if not isinstance(venues, list):
        raise InstanceError(f"{where} : « venues » doit être une liste de [latitude, longitude]")
    for k, venue in enumerate(venues):
        _point(venue, where, f"venues[{k}]")
    _owner(obj, where)


def _owner(obj: dict, where: str) -> None:
    """Optional: who the group or the place belongs to; a group never goes to its own owner."""
    owner = obj.get("owner")
    if owner is not None and (not isinstance(owner, str) or not owner.strip()):
        raise InstanceError(f"{where} : « owner » doit être une chaîne non vide ou absent")


def _host(obj: Any, index: int) -> None:
    if not isinstance(obj, dict):
        raise InstanceError(f"lieu n° {index + 1} : doit être un objet")
    where = _where("lieu", index, obj)
    if not isinstance(obj.get("id"), str) or not obj["id"].strip():
        raise InstanceError(f"{where} : « id » doit être une chaîne non vide")
    lat, lon = obj.get("lat"), obj.get("lon")
    if (lat is None) != (lon is None):
        raise InstanceError(f"{where} : « lat » et « lon » vont ensemble (les deux ou aucun)")
    if lat is not None:
        _point([lat, lon], where, "lat/lon")
    beds = obj.get("beds")
    if not isinstance(beds, dict):
        raise InstanceError(f"{where} : « beds » doit être un objet {{date: lits}}")
    for night, count in beds.items():
        _date({"beds": night}, "beds", where)
        if not _is_int(count) or count < 0:
            raise InstanceError(
                f"{where} : « beds » du {night} doit être un nombre entier positif ou nul"
            )
    _ages(obj, where)
    _owner(obj, where)
    for key in ("mixed_groups", "single_sex_rooms", "wheelchair_accessible"):
        if key not in obj:
            raise InstanceError(f"{where} : champ « {key} » manquant")
        if not isinstance(obj[key], bool):
            raise InstanceError(f"{where} : « {key} » doit valoir true ou false")


def validate(instance: Any) -> None:
    """Raise InstanceError (French, naming the group or host and the field) on a bad instance."""
    if not isinstance(instance, dict):
        raise InstanceError("l'instance doit être un objet JSON")
    if instance.get("format") != FORMAT:
        raise InstanceError(f"« format » doit valoir « {FORMAT} »")
    for key, kind in (("groups", "groupes"), ("hosts", "lieux")):
        if not isinstance(instance.get(key), list):
            raise InstanceError(f"« {key} » doit être une liste ({kind})")
    seen: set[str] = set()
    for index, obj in enumerate(instance["groups"]):
        _group(obj, index)
        if obj["id"] in seen:
            raise InstanceError(f"groupe « {obj['id']} » : « id » en double")
        seen.add(obj["id"])
    seen = set()
    for index, obj in enumerate(instance["hosts"]):
        _host(obj, index)
        if obj["id"] in seen:
            raise InstanceError(f"lieu « {obj['id']} » : « id » en double")
        seen.add(obj["id"])


def parse(instance: Any) -> tuple[list[Group], list[Host]]:
    """Validate, then build the groups and hosts."""
    validate(instance)
    return [group_from(g) for g in instance["groups"]], [host_from(h) for h in instance["hosts"]]
