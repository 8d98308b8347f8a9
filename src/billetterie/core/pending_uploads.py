"""Uploaded files waiting for a person's confirmation (an import that would change names).

The file is kept privately, under a random token tied to the person who sent it, for an hour at
most: the confirmation takes it back (and deletes it); the periodic work deletes the forgotten ones.
"""

import datetime as dt
import json
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

from billetterie.core.periodic import Done

KEEP_FOR = dt.timedelta(hours=1)
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "private" / "pending"


def pending_upload_keep(*, content: bytes, name: str, owner: str) -> str:
    """Keep the file for its owner (e.g. "association 12, user 34"); returns its token."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(16)
    (folder / f"{token}.bin").write_bytes(content)
    (folder / f"{token}.json").write_text(json.dumps({"owner": owner, "name": name}))
    return token


def pending_upload_take(*, token: str, owner: str) -> tuple[str, bytes] | None:
    """The file kept under this token for this owner (then forgotten), or None."""
    if not TOKEN.fullmatch(token or ""):
        return None
    folder = _folder()
    meta_path, data_path = folder / f"{token}.json", folder / f"{token}.bin"
    try:
        meta = json.loads(meta_path.read_text())
        content = data_path.read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("owner") != owner:
        return None
    meta_path.unlink(missing_ok=True)
    data_path.unlink(missing_ok=True)
    return meta.get("name", "fichier"), content


def pending_uploads_expire(*, now) -> list[Done]:
    """The periodic share: delete the files nobody confirmed within the hour (real time, whatever
    the platform clock says)."""
    folder = _folder()
    removed = 0
    if folder.is_dir():
        limit = time.time() - KEEP_FOR.total_seconds()
        for path in folder.iterdir():
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += path.suffix == ".bin"
    return [Done("pending_uploads_deleted", "Fichiers en attente de confirmation effacés", removed)]
