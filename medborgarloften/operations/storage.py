"""File storage that never leaves half a file under a real name.

Django's ``FileSystemStorage`` writes an upload straight into its final path, so a
full disk or a killed process leaves a truncated file there, and the documents app,
whose names are content-addressed, would take it for the right bytes later. This
storage writes into a temporary file in the same directory, flushes it to disk and
only then links it under the final name (``os.link`` fails instead of replacing an
existing file, which keeps Django's "find another name" behaviour). On any error the
temporary file is removed and the error is raised: nothing partial stays behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage

CHUNK = 64 * 1024


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:CHUNK])
        view = view[written:]


class AtomicFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` with write-to-temporary, fsync and link into place."""

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(
            directory,
            mode=self.directory_permissions_mode or 0o777,
            exist_ok=True,
        )
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".part")
        try:
            try:
                for chunk in content.chunks():
                    _write_all(
                        fd, chunk if isinstance(chunk, bytes) else chunk.encode()
                    )
                os.fsync(fd)
            finally:
                os.close(fd)
            # mkstemp makes the file 0600; FILE_UPLOAD_PERMISSIONS is 0644 by default.
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            while True:
                try:
                    os.link(temporary, full_path)
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                else:
                    break
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return str(name).replace("\\", "/")
