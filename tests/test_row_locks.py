"""Every row lock names the rows it takes: `select_for_update(of=("self",))`.

Without `of`, PostgreSQL locks every row the query joins — and a model's default ordering joins
its foreign keys (an offer is ordered by its campaign). `Offer…select_for_update().first()` then
took the campaign row FOR UPDATE, which blocks every foreign-key check on that campaign: fifty
concurrent answers deadlocked (CI, 2026-11). Read with `ast`, like the layer rule.
"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "billetterie"


def _locks_without_of(source: str) -> list[int]:
    """The lines of `select_for_update(...)` calls that do not pass `of=`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "select_for_update"
        and not any(k.arg == "of" for k in node.keywords)
    ]


def test_every_row_lock_names_its_rows():
    found = [
        f"{path.relative_to(SRC)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        if "migrations" not in path.parts
        for line in _locks_without_of(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"select_for_update without of=: {found}"


def test_the_rule_sees_a_bare_lock_and_accepts_a_named_one():
    source = (
        'a = Offer.objects.select_for_update().first()\nb = X.select_for_update(of=("self",))\n'
    )
    assert _locks_without_of(source) == [1]
