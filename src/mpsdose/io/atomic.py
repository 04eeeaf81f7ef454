"""A file written whole or not at all: written beside its place under a temporary name, then
renamed onto it, so that no partial file is ever left that looks whole."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["into_place"]


@contextlib.contextmanager
def into_place(temporary: str, target: str | Path) -> Iterator[None]:
    """Around the writing of ``temporary``: once the block completes, give it the mode an
    ordinary new file gets (``tempfile.mkstemp`` makes it 0600) and rename it onto ``target``;
    if anything fails, remove it and let the error through."""
    try:
        yield
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
