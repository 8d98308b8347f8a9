"""Where every benchmark writes: its key in bench/results.json and its block in bench/README.md."""

from __future__ import annotations

import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS, README = BENCH / "results.json", BENCH / "README.md"


def write_report(
    key: str, report: dict, title: str, table: str, results: Path = RESULTS, readme: Path = README
) -> None:
    """Store `report` under `key` (other keys kept) and replace the README block of that key.

    The block sits between ``<!-- key:start -->`` and ``<!-- key:end -->``; it is appended at the end
    of the README the first time.
    """
    merged = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    merged[key] = report
    results.write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Bancs d'essai\n"
    block = f"{start}\n## {title}\n\n{table}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")
