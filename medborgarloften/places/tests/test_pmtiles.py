"""The installation's own PMTiles file as the background map (places.pmtiles)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from medborgarloften.places import pmtiles
from medborgarloften.places.maps import tile_source

from .pmtiles_files import pmtiles_bytes, tile_id
from .tiles import lonlat_to_tile, write_pmtiles

BOUNDS = (16.33, 56.68, 16.34, 56.69)


@pytest.fixture
def pmtiles_file(settings, tmp_path):
    path = tmp_path / "kalmar.pmtiles"
    write_pmtiles(path, bounds=BOUNDS, zooms=range(12, 14))
    settings.MAP_TILE_MBTILES = settings.MAP_TILE_URL = ""
    settings.MAP_TILE_PMTILES = str(path)
    settings.MAP_TILE_ATTRIBUTION = "Testkarta"
    return path


def test_tile_ids_follow_the_specs_hilbert_curve():
    # The spec's table and worked example.
    assert [pmtiles.zxy_to_tile_id(*t) for t in [(0, 0, 0), (1, 0, 0), (1, 0, 1)]] == [
        0,
        1,
        2,
    ]
    assert pmtiles.zxy_to_tile_id(1, 1, 1) == 3
    assert pmtiles.zxy_to_tile_id(1, 1, 0) == 4
    assert pmtiles.zxy_to_tile_id(2, 0, 0) == 5
    assert pmtiles.zxy_to_tile_id(12, 3423, 1763) == 19078479
    ids = {pmtiles.zxy_to_tile_id(3, x, y) for x in range(8) for y in range(8)}
    assert ids == set(range(21, 21 + 64))
    assert all(
        pmtiles.zxy_to_tile_id(5, x, y) == tile_id(5, x, y)
        for x in range(32)
        for y in range(32)
    )


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("leaf_size", [0, 3])
def test_it_reads_every_tile_back(tmp_path, compress, leaf_size):
    tiles = {
        (z, x, y): f"{z}/{x}/{y}".encode()
        for z in range(4)
        for x in range(2**z)
        for y in range(2**z)
        if (x + y) % 3 or z == 0
    }
    path = tmp_path / "t.pmtiles"
    path.write_bytes(pmtiles_bytes(tiles, compress=compress, leaf_size=leaf_size))
    for (z, x, y), data in tiles.items():
        assert pmtiles.read_tile(str(path), z, x, y) == (data, "image/png")
    missing = [
        (z, x, y)
        for z in range(4)
        for x in range(2**z)
        for y in range(2**z)
        if (z, x, y) not in tiles
    ]
    assert missing
    for z, x, y in missing:
        assert pmtiles.read_tile(str(path), z, x, y) is None
    assert pmtiles.read_tile(str(path), 9, 0, 0) is None
    assert pmtiles.read_tile(str(path), 2, 4, 0) is None


def test_a_directory_run_covers_repeated_tiles():
    # Two entries: tile 5 alone, tiles 6–9 sharing one blob (run length 4).
    from .pmtiles_files import _directory

    entries = pmtiles.parse_directory(_directory([(5, 0, 10, 1), (6, 10, 3, 4)]))
    assert entries[1] == pmtiles.Entry(6, 10, 3, 4)
    assert pmtiles.find_entry(entries, 9) == entries[1]
    assert pmtiles.find_entry(entries, 10) is None
    assert pmtiles.find_entry(entries, 4) is None


def test_vector_tiles_and_other_files_are_refused(tmp_path):
    vector = tmp_path / "v.pmtiles"
    vector.write_bytes(pmtiles_bytes({(0, 0, 0): b"mvt"}, tile_type=1))
    with pytest.raises(pmtiles.PMTilesError, match="not a raster"):
        pmtiles.read_tile(str(vector), 0, 0, 0)
    other = tmp_path / "o.pmtiles"
    other.write_bytes(b"SQLite format 3\0" + bytes(200))
    with pytest.raises(pmtiles.PMTilesError, match="not a PMTiles"):
        pmtiles.read_tile(str(other), 0, 0, 0)


@pytest.mark.django_db
def test_it_serves_tiles_from_the_installations_own_pmtiles_file(client, pmtiles_file):
    assert tile_source().url == "/kartor/{z}/{x}/{y}"
    x, y = (int(v) for v in lonlat_to_tile(16.335, 56.685, 13))
    response = client.get(f"/kartor/13/{x}/{y}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (256, 256)
    assert client.get(f"/kartor/13/{x}/{y - 5}").status_code == 404
    assert client.get(f"/kartor/13/{2**13}/{y}").status_code == 404
    assert client.get("/kartor/40/1/1").status_code == 404


@pytest.mark.django_db
def test_a_broken_pmtiles_file_gives_404_not_a_crash(client, settings, tmp_path):
    broken = tmp_path / "broken.pmtiles"
    broken.write_bytes(b"PMTiles\x03" + bytes(10))
    settings.MAP_TILE_MBTILES = settings.MAP_TILE_URL = ""
    settings.MAP_TILE_PMTILES = str(broken)
    assert client.get("/kartor/0/0/0").status_code == 404
