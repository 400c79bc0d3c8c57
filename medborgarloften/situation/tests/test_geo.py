"""geo: point in polygon with holes, kommun boundaries, SVG projection."""

from __future__ import annotations

from medborgarloften.situation import geo

from .conftest import square


def test_it_finds_a_point_inside_a_square_and_not_outside():
    shape = square(16.0, 56.0, 1.0)
    assert geo.contains(shape, lat=56.5, lon=16.5)
    assert not geo.contains(shape, lat=57.5, lon=16.5)


def test_it_leaves_holes_out():
    outer = square(16.0, 56.0, 1.0)["coordinates"][0]
    hole = square(16.4, 56.4, 0.2)["coordinates"][0]
    shape = {"type": "Polygon", "coordinates": [outer, hole]}
    assert not geo.contains(shape, lat=56.5, lon=16.5)
    assert geo.contains(shape, lat=56.1, lon=16.1)


def test_it_reads_multipolygons_and_features():
    multi = {
        "type": "MultiPolygon",
        "coordinates": [
            square(10, 50)["coordinates"],
            square(16.0, 56.0, 1.0)["coordinates"],
        ],
    }
    feature = {"type": "Feature", "properties": {}, "geometry": multi}
    assert geo.contains(feature, lat=56.5, lon=16.5)


def test_it_accepts_points_just_outside_the_border_within_tolerance():
    shape = square(16.0, 56.0, 1.0)
    assert geo.near(shape, lat=56.5, lon=17.005)
    assert not geo.near(shape, lat=56.5, lon=17.1)


def test_it_places_real_points_in_their_kommun():
    # Kalmar cathedral and Nybro station.
    assert geo.kommun_at(lat=56.6634, lon=16.3568) == "0880"
    assert geo.kommun_at(lat=56.7447, lon=15.9060) == "0881"
    assert geo.kommun_at(lat=52.52, lon=13.40) is None
    assert len(geo.kommun_geometries()) == 290


def test_it_projects_north_up_into_the_box():
    projection = geo.Projection([square(16.0, 56.0, 1.0)], width=200)
    x0, y0 = projection.point(16.0, 57.0)
    x1, y1 = projection.point(17.0, 56.0)
    assert (x0, y0) == (10, 10)
    assert x1 == 190 and y1 > y0
    assert projection.path(square(16.0, 56.0, 1.0)).startswith("M10.0,")
