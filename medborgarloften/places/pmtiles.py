"""A small reader of PMTiles version 3 files: one tile by z/x/y, nothing else.

Django-free. An installation's background map can be a single PMTiles file
(``MAP_TILE_PMTILES``); the application reads the tile a map asks for with a few
byte-range reads and serves it at ``/kartor/{z}/{x}/{y}``, so no third party sees the
residents' map views and no tile server is needed.

What the reader follows (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
the 127-byte header (magic ``PMTiles``, version 3, little-endian offsets), the root
and leaf directories (varint-encoded entries: tile id deltas, run lengths, lengths,
offsets; an offset of 0 after the first entry means "right after the previous one";
a run length of 0 points to a leaf directory), tile ids along a Hilbert curve per zoom
level, and internal and tile compression none or gzip. Raster tiles (PNG, JPEG, WebP,
AVIF) only: Leaflet draws images, not vector tiles.
"""

from __future__ import annotations

import gzip
import os
import struct
from dataclasses import dataclass
from functools import lru_cache

MAGIC = b"PMTiles"
HEADER_LENGTH = 127

COMPRESSION_UNKNOWN, COMPRESSION_NONE, COMPRESSION_GZIP = 0, 1, 2
#: Tile type → media type; 1 (Mapbox Vector Tile) is not served.
MEDIA_TYPES = {2: "image/png", 3: "image/jpeg", 4: "image/webp", 5: "image/avif"}
#: The spec allows at most three levels of leaf directories below the root.
MAX_DEPTH = 4


class PMTilesError(ValueError):
    """The file is not a PMTiles v3 file this reader can serve tiles from."""


@dataclass(frozen=True)
class Header:
    root_offset: int
    root_length: int
    metadata_offset: int
    metadata_length: int
    leaf_offset: int
    leaf_length: int
    data_offset: int
    data_length: int
    internal_compression: int
    tile_compression: int
    tile_type: int
    min_zoom: int
    max_zoom: int


@dataclass(frozen=True)
class Entry:
    tile_id: int
    offset: int
    length: int
    run_length: int


def zxy_to_tile_id(z: int, x: int, y: int) -> int:
    """The tile's id: the tiles of every lower zoom, then its place on the Hilbert
    curve through this zoom's 2^z × 2^z tiles."""
    if z < 0 or z > 26 or not (0 <= x < 2**z) or not (0 <= y < 2**z):
        raise ValueError(f"no tile {z}/{x}/{y}")
    before = (4**z - 1) // 3
    d = 0
    s = 2**z // 2
    while s > 0:
        rx = 1 if x & s else 0
        ry = 1 if y & s else 0
        d += s * s * ((3 * rx) ^ ry)
        if ry == 0:
            if rx == 1:
                x, y = s - 1 - x, s - 1 - y
            x, y = y, x
        s //= 2
    return before + d


def parse_header(data: bytes) -> Header:
    if len(data) < HEADER_LENGTH or data[:7] != MAGIC:
        raise PMTilesError("not a PMTiles file")
    if data[7] != 3:
        raise PMTilesError(f"PMTiles version {data[7]}, only version 3 is read")
    offsets = struct.unpack_from("<8Q", data, 8)
    internal, tile_compression, tile_type, min_zoom, max_zoom = struct.unpack_from(
        "<5B", data, 97
    )
    return Header(
        root_offset=offsets[0],
        root_length=offsets[1],
        metadata_offset=offsets[2],
        metadata_length=offsets[3],
        leaf_offset=offsets[4],
        leaf_length=offsets[5],
        data_offset=offsets[6],
        data_length=offsets[7],
        internal_compression=internal,
        tile_compression=tile_compression,
        tile_type=tile_type,
        min_zoom=min_zoom,
        max_zoom=max_zoom,
    )


def _decompress(data: bytes, compression: int) -> bytes:
    if compression in (COMPRESSION_NONE, COMPRESSION_UNKNOWN):
        return data
    if compression == COMPRESSION_GZIP:
        return gzip.decompress(data)
    raise PMTilesError(f"compression {compression} is not supported (only gzip)")


def _varints(data: bytes) -> list[int]:
    values, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            values.append(value)
            value, shift = 0, 0
    if shift:
        raise PMTilesError("a directory ends inside a number")
    return values


def parse_directory(data: bytes) -> list[Entry]:
    """A decompressed directory's entries, in tile id order."""
    numbers = _varints(data)
    if not numbers:
        raise PMTilesError("empty directory")
    n = numbers[0]
    if len(numbers) != 1 + 4 * n:
        raise PMTilesError("a directory's length does not match its entry count")
    ids, runs, lengths, offsets = (
        numbers[1 + i * n : 1 + (i + 1) * n] for i in range(4)
    )
    entries: list[Entry] = []
    tile_id = 0
    for i in range(n):
        tile_id += ids[i]
        if offsets[i] == 0 and i > 0:
            offset = entries[-1].offset + entries[-1].length
        else:
            offset = offsets[i] - 1
        entries.append(Entry(tile_id, offset, lengths[i], runs[i]))
    return entries


def find_entry(entries: list[Entry], tile_id: int) -> Entry | None:
    """The entry that holds ``tile_id``: a tile (run length ≥ 1 covering it) or the
    leaf directory (run length 0) that may hold it."""
    low, high = 0, len(entries) - 1
    while low <= high:
        middle = (low + high) // 2
        if entries[middle].tile_id < tile_id:
            low = middle + 1
        elif entries[middle].tile_id > tile_id:
            high = middle - 1
        else:
            return entries[middle]
    if high >= 0:
        entry = entries[high]
        if entry.run_length == 0 or tile_id - entry.tile_id < entry.run_length:
            return entry
    return None


def _read(path: str, offset: int, length: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        data = handle.read(length)
    if len(data) != length:
        raise PMTilesError("the file ends before a part its header names")
    return data


@lru_cache(maxsize=8)
def _header(path: str, stamp: tuple[int, int]) -> Header:
    return parse_header(_read(path, 0, HEADER_LENGTH))


@lru_cache(maxsize=256)
def _directory(
    path: str, stamp: tuple[int, int], offset: int, length: int, compression: int
) -> list[Entry]:
    return parse_directory(_decompress(_read(path, offset, length), compression))


def read_tile(path: str, z: int, x: int, y: int) -> tuple[bytes, str] | None:
    """One raster tile (bytes, media type) from the PMTiles file at ``path``, or None
    when the file has no such tile. Directories are cached while the file is the
    same (size and modification time)."""
    status = os.stat(path)
    stamp = (status.st_size, status.st_mtime_ns)
    header = _header(path, stamp)
    media_type = MEDIA_TYPES.get(header.tile_type)
    if media_type is None:
        raise PMTilesError(
            f"tile type {header.tile_type} is not a raster image (vector tiles are "
            "not served)"
        )
    try:
        tile_id = zxy_to_tile_id(z, x, y)
    except ValueError:
        return None
    offset, length = header.root_offset, header.root_length
    for _depth in range(MAX_DEPTH):
        entries = _directory(path, stamp, offset, length, header.internal_compression)
        entry = find_entry(entries, tile_id)
        if entry is None:
            return None
        if entry.run_length > 0:
            data = _read(path, header.data_offset + entry.offset, entry.length)
            return _decompress(data, header.tile_compression), media_type
        offset, length = header.leaf_offset + entry.offset, entry.length
    raise PMTilesError("directories nested deeper than the spec allows")
