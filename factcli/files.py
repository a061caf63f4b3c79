"""Writing a file safely: a temporary name created exclusively beside the target, fsynced, then published.

Publishing never follows a link at the target: a new name is made with a hard link (which fails when the
name exists, even as a dangling link), and replacing swaps the name itself, so a link there is replaced,
not written through. A failure at any step removes the temporary file and leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from factcli.errors import StoreError


def temp_prefix(target: str) -> str:
    """Temporary files of `target` are `.<name>.<random>.tmp`: hidden, and known to the next writer."""
    return f".{os.path.basename(target)}."


@contextlib.contextmanager
def new_file(target: str, *, replace: bool, what: str = "file", hint: str = "") -> Iterator[str]:
    """Yields a temporary path to write; on success it becomes `target`.

    replace=False refuses an existing target (file, folder or link), saying `hint` on how to replace it;
    replace=True swaps it atomically.
    """
    import tempfile

    refusal = f"{target}: already exists; not overwriting{hint}"
    if not replace and os.path.lexists(target):
        raise StoreError(refusal)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
        os.close(fd)
        mask = os.umask(0)  # mkstemp makes the file private; a new file gets the usual permissions
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
    except OSError as err:
        raise StoreError(f"{target}: cannot write {what}: {err.strerror}") from None
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        publish(tmp, target, replace=replace, refusal=refusal)
    except OSError as err:
        raise StoreError(f"{target}: cannot write {what}: {err.strerror or err}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    sync_folder(folder)


def publish(tmp: str, target: str, *, replace: bool, refusal: str) -> None:
    if replace:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise StoreError(refusal) from None
    except OSError:
        # a file system without hard links: the name was free a moment ago, and rename is the next best
        if os.path.lexists(target):
            raise StoreError(refusal) from None
        os.replace(tmp, target)


def sync_folder(folder: str) -> None:
    """Make a rename durable where the platform can (POSIX); elsewhere the rename itself is all there is."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder; the rename is done
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale(target: str) -> None:
    """Delete temporary files that killed writers of `target` left behind (call under the store's lock)."""
    folder = os.path.dirname(os.path.abspath(target))
    prefix = temp_prefix(target)
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(prefix) and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
