"""French counts in sentences (« 0 lot », « 1 lot », « 3 lots ») and long lists cut short.

Pure Python, no Django: the allocation engine's explanations use it as well as the pages.
"""

from collections.abc import Iterable


def plural(count: int, word: str, words: str | None = None) -> str:
    """1 billet, 3 billets (0 billet, as French says); `words` when the plural is irregular."""
    return f"{count} {word if abs(count) < 2 else (words or word + 's')}"


def agreed(count: int, word: str, words: str | None = None) -> str:
    """The word alone, agreed with the count: « reste » / « restent », « lot » / « lots »."""
    return word if abs(count) < 2 else (words or word + "s")


def shortened(items: Iterable[str], *, limit: int = 10) -> str:
    """« A, B, C » — or, past `limit` items, « A, B, … J et 629 autres » (the count of the rest)."""
    items = list(items)
    if len(items) <= limit:
        return ", ".join(items)
    rest = len(items) - limit
    return f"{', '.join(items[:limit])} et {rest} {agreed(rest, 'autre')}"
