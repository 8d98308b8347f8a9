"""Audited actions on packs."""

ACTIONS = {
    "pack.withdrawn": "Lot retiré du vivier",
    "pack.restored": "Lot remis dans le vivier",
    "pack.corrected": "Lot corrigé",
}
