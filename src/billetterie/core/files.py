"""Stored files through Django's storage API only, so that the same code works on a machine's disk
(MEDIA_ROOT) and on S3-compatible object storage shared by several machines (docs/deployment.md).

No code of the platform opens a path under MEDIA_ROOT: it saves, opens, lists and deletes through
a storage (`default_storage`, or a file field's `storage`). These helpers add what the API lacks:
walking a folder and deleting a whole folder.
"""

import shutil
from collections.abc import Iterator

from django.core.files.storage import FileSystemStorage, Storage, default_storage, storages


def files_on_local_disk() -> bool:
    """True when uploaded files are kept on this machine's disk (MEDIA_ROOT), False when they are
    on shared object storage."""
    return isinstance(storages["default"], FileSystemStorage)


def storage_walk(folder: str, storage: Storage = default_storage) -> Iterator[str]:
    """The name of every file under `folder` (any depth), in name order; a missing folder is
    empty."""
    folder = folder.strip("/")
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from storage_walk(f"{folder}/{directory}" if folder else directory, storage)


def storage_folder_delete(folder: str, storage: Storage = default_storage) -> int:
    """Delete every file under `folder` (orphans too); on a disk, the emptied folders go too.
    Returns the number of files deleted."""
    names = list(storage_walk(folder, storage))
    for name in names:
        storage.delete(name)
    if isinstance(storage, FileSystemStorage):
        shutil.rmtree(storage.path(folder.strip("/")), ignore_errors=True)
    return len(names)
