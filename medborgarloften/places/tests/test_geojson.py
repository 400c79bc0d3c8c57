"""The GeoJSON check refuses what a map cannot draw and accepts every RFC 7946 type."""

from __future__ import annotations

import pytest

from medborgarloften.places.geojson import geojson_problem

SQUARE = [[[16.35, 56.66], [16.37, 56.66], [16.37, 56.67], [16.35, 56.66]]]


@pytest.mark.parametrize(
    "value",
    [
        {"type": "Point", "coordinates": [16.36, 56.66]},
        {"type": "LineString", "coordinates": [[16.3, 56.6], [16.4, 56.7]]},
        {"type": "Polygon", "coordinates": SQUARE},
        {"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]},
        {"type": "Feature", "properties": {}, "geometry": None},
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": SQUARE},
                }
            ],
        },
        {
            "type": "GeometryCollection",
            "geometries": [{"type": "Point", "coordinates": [16.36, 56.66, 10]}],
        },
    ],
)
def test_it_accepts_valid_geojson(value):
    assert geojson_problem(value) is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([16.36, 56.66], "JSON-objekt"),
        ({"coordinates": [1, 2]}, "okänd GeoJSON-typ"),
        ({"type": "Circle", "coordinates": [1, 2]}, "okänd GeoJSON-typ"),
        ({"type": "Point"}, "saknar 'coordinates'"),
        ({"type": "Point", "coordinates": ["16", "56"]}, "position"),
        ({"type": "Point", "coordinates": [True, 56.0]}, "position"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[16.3, 56.6], [16.4, 56.6], [16.4, 56.7]]],
            },
            "slutna ringar",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[16.3, 56.6], [16.4, 56.6], [16.4, 56.7], [16.3, 56.7]]
                ],
            },
            "slutna ringar",
        ),
        ({"type": "Feature"}, "saknar 'geometry'"),
        ({"type": "FeatureCollection", "features": [{"type": "Point"}]}, "Feature"),
        ({"type": "GeometryCollection", "geometries": [{"type": "X"}]}, "geometrityp"),
    ],
)
def test_it_explains_what_is_wrong(value, words):
    problem = geojson_problem(value)
    assert problem is not None and words in problem
