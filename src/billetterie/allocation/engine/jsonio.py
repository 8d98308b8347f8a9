"""Reading instance files and writing result files as canonical UTF-8 JSON."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .model import Instance
from .validation import InstanceError, validate_instance


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance file; InstanceError names the offending path."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError("", f"lecture impossible du fichier : {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceError(
            "", f"JSON invalide (ligne {exc.lineno}, colonne {exc.colno})"
        ) from None
    return validate_instance(data)


def dumps_result(result: dict[str, Any]) -> str:
    """Stable serialisation: same result, same bytes."""
    return json.dumps(result, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_result(result: dict[str, Any], path: str | Path) -> None:
    """Write atomically, so that a failed run never leaves a partial file behind."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=".result-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dumps_result(result))
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
