"""The atomic file storage: a failed write leaves nothing, a good one the exact bytes."""

from __future__ import annotations

import errno
import os

import pytest
from django.core.files.base import ContentFile

from medborgarloften.operations import storage as storage_module
from medborgarloften.operations.storage import AtomicFileSystemStorage


@pytest.fixture
def store(tmp_path):
    return AtomicFileSystemStorage(location=tmp_path / "media")


def _all_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_it_writes_the_exact_bytes_with_the_usual_permissions(store, tmp_path):
    data = os.urandom(300_000)

    name = store.save("documents/ab/x.pdf", ContentFile(data))

    assert name == "documents/ab/x.pdf"
    path = tmp_path / "media" / name
    assert path.read_bytes() == data
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert _all_files(tmp_path / "media") == [name]


def test_it_never_overwrites_an_existing_name(store, tmp_path):
    first = store.save("a/x.txt", ContentFile(b"first"))
    second = store.save("a/x.txt", ContentFile(b"second"))

    assert first != second
    assert (tmp_path / "media" / first).read_bytes() == b"first"
    assert (tmp_path / "media" / second).read_bytes() == b"second"


def test_a_full_disk_leaves_no_partial_file(store, tmp_path, monkeypatch):
    real_write = os.write
    calls = {"n": 0}

    def write_then_fill_up(fd, data):
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(storage_module.os, "write", write_then_fill_up)

    with pytest.raises(OSError) as caught:
        store.save("documents/ab/big.pdf", ContentFile(b"x" * 1_000_000))

    assert caught.value.errno == errno.ENOSPC
    assert calls["n"] == 3  # two chunks were written before the disk "filled"
    assert _all_files(tmp_path / "media") == []
