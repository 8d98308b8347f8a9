"""French names of events, from the official codes: what a referent, a group leader or an e-mail
reads (« Rugby à 7, hommes — tour préliminaire ») instead of the organiser's English description
(« Men's Preliminary Phase »).

The sport comes from the discipline of the official session code (RU701 → RU7 → Rugby à 7), the
category (men, women, mixed) from the official description, the phase from the session's phase,
refined by the description where it says more (a group stage, heats, a bronze-medal match).
A session whose code is not an official one (an import, the illustrative Paralympic sessions)
keeps the sport it was given.
"""

import re

# The disciplines of the Paris 2024 Olympic session codes (the first three characters).
OLYMPIC_SPORTS = {
    "ARC": "Tir à l'arc",
    "ATH": "Athlétisme",
    "BDM": "Badminton",
    "BK3": "Basketball 3x3",
    "BKB": "Basketball",
    "BKG": "Breaking",
    "BMF": "BMX freestyle",
    "BMX": "BMX racing",
    "BOX": "Boxe",
    "CLB": "Escalade",
    "CRD": "Cyclisme sur route",
    "CSL": "Canoë-kayak slalom",
    "CSP": "Canoë-kayak course en ligne",
    "CTR": "Cyclisme sur piste",
    "DIV": "Plongeon",
    "EQU": "Sports équestres",
    "FBL": "Football",
    "FEN": "Escrime",
    "GAR": "Gymnastique artistique",
    "GLF": "Golf",
    "GRY": "Gymnastique rythmique",
    "GTR": "Trampoline",
    "HBL": "Handball",
    "HOC": "Hockey sur gazon",
    "JUD": "Judo",
    "MPN": "Pentathlon moderne",
    "MTB": "VTT",
    "OWS": "Natation marathon",
    "ROW": "Aviron",
    "RU7": "Rugby à 7",
    "SAL": "Voile",
    "SHO": "Tir",
    "SKB": "Skateboard",
    "SRF": "Surf",
    "SWA": "Natation artistique",
    "SWM": "Natation",
    "TEN": "Tennis",
    "TKW": "Taekwondo",
    "TRI": "Triathlon",
    "TTE": "Tennis de table",
    "VBV": "Volley-ball de plage",
    "VVO": "Volley-ball",
    "WLF": "Haltérophilie",
    "WPO": "Water-polo",
    "WRE": "Lutte",
}
# An official session code: a discipline, then the session's number (FBL01, RU701, ATH12).
_OFFICIAL_CODE = re.compile(r"([A-Z0-9]{3})\d{2,3}")

# The phases of catalogue.models.Phase, as a sentence says them.
PHASE_WORDS = {
    "final": "finale",
    "semi_final": "demi-finale",
    "quarter_final": "quart de finale",
    "preliminary": "tour préliminaire",
    "other": "",
}

_MEN = re.compile(r"\bMen\b|\bMGR\b|\bMFS\b|\bB-Boys\b|\bMS\b|\bMD\b")
_WOMEN = re.compile(r"\bWomen\b|\bWFS\b|\bB-Girls\b|\bWS\b|\bWD\b")
_MIXED = re.compile(r"\bMixed\b|\bXD\b")


def sport_name(*, code: str, sport: str) -> str:
    """The sport in French: from the discipline of an official code, else the sport as given."""
    official = _OFFICIAL_CODE.fullmatch(code or "")
    if official and official.group(1) in OLYMPIC_SPORTS:
        return OLYMPIC_SPORTS[official.group(1)]
    return sport


def category_words(description: str) -> str:
    """« hommes », « femmes », « hommes et femmes », « hommes ou femmes », « mixte »… or ""."""
    text = description or ""
    found = [
        word
        for word, pattern in (("hommes", _MEN), ("femmes", _WOMEN), ("mixte", _MIXED))
        if pattern.search(text)
    ]
    if len(found) == 2 and "mixte" not in found and re.search(r"\bor\b", text):
        return "hommes ou femmes"  # « Men's or Women's Preliminary Match »: one or the other
    if len(found) <= 1:
        return "".join(found)
    return f"{', '.join(found[:-1])} et {found[-1]}"


def phase_words(*, phase: str, description: str) -> str:
    """The phase in French, refined by the official description where it says more."""
    text = description or ""
    if phase == "final" and "Bronze" in text and not re.search(r"\bGold\b|\bFinal\b", text):
        return "match pour la médaille de bronze"
    if phase == "preliminary":
        if re.search(r"\bGroup\b|\bPool\b|\bRound Robin\b", text):
            return "phase de groupes"
        if re.search(r"\bHeats?\b", text):
            return "séries"
        if re.search(r"\bQualification\b|\bQualifying\b", text):
            return "qualifications"
    return PHASE_WORDS.get(phase, "")


def event_name(*, code: str, sport: str, phase: str, description: str = "") -> str:
    """« Rugby à 7, hommes — tour préliminaire », « Football, femmes — phase de groupes »."""
    name = sport_name(code=code, sport=sport)
    category = category_words(description)
    if category:
        name = f"{name}, {category}"
    stage = phase_words(phase=phase, description=description)
    return f"{name} — {stage}" if stage else name
