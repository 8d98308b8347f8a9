"""Folding text for comparisons: names, headers and answers typed in many ways."""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, without accents or ligatures; any run of punctuation or spaces becomes one space."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())
