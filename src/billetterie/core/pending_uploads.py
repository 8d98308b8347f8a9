"""Uploaded files waiting for a person's confirmation (an import that would change names).

The file is kept privately, under a random token tied to the person who sent it, for an hour at
most: the confirmation takes it back (and deletes it); the periodic work deletes the forgotten ones.
It is kept in the platform's file storage (`default_storage`), not on the disk of the web machine
that received it: with shared object storage (docs/deployment.md), the confirmation may reach
another web machine than the upload.
"""

import datetime as dt
import json
import re
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from billetterie.core.files import storage_walk
from billetterie.core.periodic import Done

KEEP_FOR = dt.timedelta(hours=1)
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
FOLDER = "private/pending"


def _names(token: str) -> tuple[str, str]:
    return f"{FOLDER}/{token}.json", f"{FOLDER}/{token}.bin"


def pending_upload_keep(*, content: bytes, name: str, owner: str) -> str:
    """Keep the file for its owner (e.g. "association 12, user 34"); returns its token."""
    token = secrets.token_urlsafe(16)
    meta_name, data_name = _names(token)
    # The data first, the description last: a description always has its data.
    default_storage.save(data_name, ContentFile(content))
    default_storage.save(meta_name, ContentFile(json.dumps({"owner": owner, "name": name})))
    return token


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as stream:
        return stream.read()


def pending_upload_take(*, token: str, owner: str) -> tuple[str, bytes] | None:
    """The file kept under this token for this owner (then forgotten), or None."""
    if not TOKEN.fullmatch(token or ""):
        return None
    meta_name, data_name = _names(token)
    try:
        meta = json.loads(_read(meta_name))
        content = _read(data_name)
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("owner") != owner:
        return None
    default_storage.delete(meta_name)
    default_storage.delete(data_name)
    return meta.get("name", "fichier"), content


def pending_uploads_expire(*, now) -> list[Done]:
    """The periodic share: delete the files nobody confirmed within the hour (real time, whatever
    the platform clock says)."""
    limit = timezone.now() - KEEP_FOR
    removed = 0
    for name in list(storage_walk(FOLDER)):
        try:
            modified = default_storage.get_modified_time(name)
        except (OSError, ValueError):
            continue
        if modified < limit:
            default_storage.delete(name)
            removed += name.endswith(".bin")
    return [Done("pending_uploads_deleted", "Fichiers en attente de confirmation effacés", removed)]
