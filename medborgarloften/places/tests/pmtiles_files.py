"""A tiny PMTiles v3 writer for the tests: tiles in, a file's bytes out.

Written from the spec, apart from the reader (places.pmtiles): the tile ids are
computed here by walking the Hilbert curve's quadrants, and the directory can be
split into leaf directories and gzip-compressed, as real archives are."""

from __future__ import annotations

import gzip
import struct


def tile_id(z: int, x: int, y: int) -> int:
    """Tiles of lower zooms first, then the Hilbert index (quadrant by quadrant)."""
    index = 0
    n = 2**z
    s = n // 2
    while s:
        rx, ry = int(x >= s), int(y >= s)
        index += s * s * ((3 * rx) ^ ry)
        x, y = x - rx * s, y - ry * s
        if ry == 0:
            if rx == 1:
                x, y = s - 1 - x, s - 1 - y
            x, y = y, x
        s //= 2
    return sum(4**i for i in range(z)) + index


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _directory(entries: list[tuple[int, int, int, int]]) -> bytes:
    """entries: (tile_id, offset, length, run_length), sorted by tile id."""
    out = bytearray(_varint(len(entries)))
    last = 0
    for tid, _o, _l, _r in entries:
        out += _varint(tid - last)
        last = tid
    for _t, _o, _l, run in entries:
        out += _varint(run)
    for _t, _o, length, _r in entries:
        out += _varint(length)
    for i, (_t, offset, _l, _r) in enumerate(entries):
        previous = entries[i - 1] if i else None
        if previous and offset == previous[1] + previous[2]:
            out += _varint(0)
        else:
            out += _varint(offset + 1)
    return bytes(out)


def pmtiles_bytes(
    tiles: dict[tuple[int, int, int], bytes],
    *,
    tile_type: int = 2,
    compress: bool = False,
    leaf_size: int = 0,
) -> bytes:
    """A PMTiles v3 archive of ``tiles`` ((z, x, y) → image bytes). ``leaf_size``
    > 0 puts the entries in leaf directories of that many entries each."""
    ordered = sorted((tile_id(*zxy), data) for zxy, data in tiles.items())
    data = bytearray()
    entries = []
    for tid, tile in ordered:
        entries.append((tid, len(data), len(tile), 1))
        data += tile
    pack = gzip.compress if compress else (lambda b: b)
    leaves = bytearray()
    if leaf_size:
        root_entries = []
        for start in range(0, len(entries), leaf_size):
            chunk = entries[start : start + leaf_size]
            leaf = pack(_directory(chunk))
            root_entries.append((chunk[0][0], len(leaves), len(leaf), 0))
            leaves += leaf
        root = pack(_directory(root_entries))
    else:
        root = pack(_directory(entries))
    metadata = pack(b"{}")
    root_offset = 127
    metadata_offset = root_offset + len(root)
    leaf_offset = metadata_offset + len(metadata)
    data_offset = leaf_offset + len(leaves)
    compression = 2 if compress else 1
    zooms = [z for z, _x, _y in tiles] or [0]
    header = b"PMTiles" + bytes([3])
    header += struct.pack(
        "<8Q",
        root_offset,
        len(root),
        metadata_offset,
        len(metadata),
        leaf_offset,
        len(leaves),
        data_offset,
        len(data),
    )
    header += struct.pack("<3Q", len(entries), len(entries), len(entries))
    header += bytes([1, compression, 1, tile_type, min(zooms), max(zooms)])
    header += struct.pack("<4i", -1800000000, -850000000, 1800000000, 850000000)
    header += bytes([0]) + struct.pack("<2i", 0, 0)
    assert len(header) == 127
    return header + root + metadata + bytes(leaves) + bytes(data)
