"""Validation of an instance dictionary, with French messages naming the offending path."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Any

from .model import Instance, Organisation, Pack, build_classes

FORMAT = "billetterie.allocation/1"


class InstanceError(ValueError):
    """A malformed instance; the message starts with the offending path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _text(obj: dict, key: str, path: str, *, required: bool = True, default: str = "") -> str:
    if key not in obj:
        if required:
            raise InstanceError(f"{path}.{key}", "champ obligatoire manquant")
        return default
    value = obj[key]
    if not isinstance(value, str) or (required and not value.strip()):
        raise InstanceError(f"{path}.{key}", "doit être une chaîne de caractères non vide")
    return value


def _date(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise InstanceError(path, "doit être une date au format AAAA-MM-JJ")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise InstanceError(path, "doit être une date au format AAAA-MM-JJ") from None
    if parsed.isoformat() != value:
        raise InstanceError(path, "doit être une date au format AAAA-MM-JJ")
    return value


def _rules(data: dict) -> tuple[float, int]:
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise InstanceError("rules", "doit être un objet")
    alpha = rules.get("size_weight_exponent", 0)
    if not _is_number(alpha) or not 0 <= alpha <= 1:
        raise InstanceError("rules.size_weight_exponent", "doit être un nombre entre 0 et 1")
    tolerance = rules.get("over_request_tolerance", 0)
    if not _is_int(tolerance) or tolerance < 0:
        raise InstanceError("rules.over_request_tolerance", "doit être un entier positif ou nul")
    return float(alpha), tolerance


def _organisation(raw: Any, path: str) -> Organisation:
    if not isinstance(raw, dict):
        raise InstanceError(path, "doit être un objet")
    org_id = _text(raw, "id", path)
    name = _text(raw, "name", path, required=False, default=org_id)
    tier = raw.get("tier", 1)
    if not _is_int(tier) or tier < 1:
        raise InstanceError(f"{path}.tier", "doit être un entier supérieur ou égal à 1")
    requested = raw.get("requested")
    if not isinstance(requested, dict):
        raise InstanceError(f"{path}.requested", "doit être un objet {Jeux: nombre de billets}")
    for games, count in requested.items():
        if not games.strip():
            raise InstanceError(f"{path}.requested", "code de Jeux vide")
        if not _is_int(count) or count < 0:
            raise InstanceError(f"{path}.requested.{games}", "doit être un entier positif ou nul")
    cities = raw.get("cities", {})
    if not isinstance(cities, dict):
        raise InstanceError(f"{path}.cities", "doit être un objet {ville hôte: poids}")
    for city, weight in cities.items():
        if not city.strip():
            raise InstanceError(f"{path}.cities", "nom de ville hôte vide")
        if not _is_number(weight) or not 0 <= weight <= 1:
            raise InstanceError(f"{path}.cities.{city}", "doit être un nombre entre 0 et 1")
    dates = raw.get("unavailable_dates", [])
    if not isinstance(dates, list):
        raise InstanceError(f"{path}.unavailable_dates", "doit être une liste de dates")
    for j, value in enumerate(dates):
        _date(value, f"{path}.unavailable_dates[{j}]")
    return Organisation(
        id=org_id,
        name=name,
        tier=tier,
        requested={g: int(c) for g, c in sorted(requested.items())},
        cities={c: float(w) for c, w in sorted(cities.items())},
        unavailable_dates=frozenset(dates),
    )


def _pack(raw: Any, path: str) -> Pack:
    if not isinstance(raw, dict):
        raise InstanceError(path, "doit être un objet")
    size = raw.get("size")
    if not _is_int(size) or size <= 0:
        raise InstanceError(f"{path}.size", "doit être un entier strictement positif")
    if "date" not in raw:
        raise InstanceError(f"{path}.date", "champ obligatoire manquant")
    return Pack(
        id=_text(raw, "id", path),
        games=_text(raw, "games", path),
        session=_text(raw, "session", path, required=False),
        city=_text(raw, "city", path),
        date=_date(raw["date"], f"{path}.date"),
        size=size,
    )


def _unique(items: list, key: str) -> None:
    seen: set[str] = set()
    for j, item in enumerate(items):
        if item.id in seen:
            raise InstanceError(f"{key}[{j}].id", f"identifiant en double « {item.id} »")
        seen.add(item.id)


def instance_sha256(data: dict) -> str:
    """Hash of the canonical JSON form, independent of key order and whitespace."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def validate_instance(data: Any) -> Instance:
    """Check an instance dictionary and return it sorted canonically, or raise InstanceError."""
    if not isinstance(data, dict):
        raise InstanceError("", "le fichier doit contenir un objet JSON")
    if data.get("format") != FORMAT:
        raise InstanceError("format", f"doit valoir « {FORMAT} »")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise InstanceError("name", "doit être une chaîne de caractères")
    alpha, tolerance = _rules(data)
    for key in ("organisations", "packs"):
        if not isinstance(data.get(key), list):
            raise InstanceError(key, "doit être une liste")
    orgs = [_organisation(o, f"organisations[{j}]") for j, o in enumerate(data["organisations"])]
    packs = [_pack(p, f"packs[{j}]") for j, p in enumerate(data["packs"])]
    _unique(orgs, "organisations")
    _unique(packs, "packs")
    packs_sorted = tuple(sorted(packs, key=lambda p: p.id))
    return Instance(
        name=name,
        alpha=alpha,
        tolerance=tolerance,
        organisations=tuple(sorted(orgs, key=lambda o: o.id)),
        packs=packs_sorted,
        sha256=instance_sha256(data),
        classes=build_classes(packs_sorted),
    )
