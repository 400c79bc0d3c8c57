"""Small areas on the drawn map: names only where they fit, the list beside the map
linking to a view zoomed to one area, and the interactive map told the same."""

from __future__ import annotations

import pytest

from medborgarloften.places.models import Area
from medborgarloften.situation import geo
from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors import area_map, area_map_component
from medborgarloften.situation.selectors.map_labels import label_place

from .conftest import square


def test_a_name_is_placed_only_where_it_fits():
    big, tiny = square(16.30, 56.60, 0.1), square(16.45, 56.65, 0.0005)
    projection = geo.Projection([big, tiny])
    x, y = label_place(big, "Norrliden", projection)
    assert 10 < x < 590 and 10 < y < projection.height
    assert label_place(tiny, "Larmtorget", projection) is None
    assert label_place(tiny, "Larmtorget", projection, chosen=True) is not None
    assert label_place(None, "Utan gräns", projection) is None


@pytest.fixture
def town(kalmar):
    return {
        "Stadsdel": Area.objects.create(
            kommun=kalmar, name="Stadsdel", geometry=square(16.30, 56.60, 0.1)
        ),
        "Torget": Area.objects.create(
            kommun=kalmar, name="Torget", geometry=square(16.35, 56.65, 0.0005)
        ),
    }


@pytest.mark.django_db
def test_the_map_zooms_to_the_chosen_area(kalmar, town):
    period = parse_period("2025")
    whole = area_map(kommun=kalmar, period=period)
    names = {s.area.name: s.name_at for s in whole.shapes}
    assert names["Stadsdel"] is not None and names["Torget"] is None
    assert whole.unnamed == ["Torget"]
    zoomed = area_map(kommun=kalmar, period=period, focus=str(town["Torget"].pk))
    assert zoomed.focus == town["Torget"]
    assert {s.area.name: s.name_at for s in zoomed.shapes}["Torget"] is not None
    config = area_map_component(kommun=kalmar, data=zoomed)
    assert config["focus"] == ["Torget"] and config["labels"] is True
    unknown = area_map(kommun=kalmar, period=period, focus="nope")
    assert unknown.focus is None


@pytest.mark.django_db
def test_the_list_beside_the_map_links_each_area_to_its_zoom(
    client, kommun_viewer, kalmar, town
):
    client.force_login(kommun_viewer)
    html = client.get("/personal/lagesbild/0880/karta/?period=2025").content.decode()
    torget = town["Torget"].pk
    assert f'omrade={torget}#h-map-top" data-map-area="Torget"' in html
    assert "för små för sitt namn på kartan" in html
    html = client.get(
        f"/personal/lagesbild/0880/karta/?period=2025&omrade={torget}"
    ).content.decode()
    assert "Inzoomad på Torget." in html
    assert '<text x="' in html and ">Torget</text>" in html
    analysis = client.get(
        f"/personal/lagesbild/0880/analys/?period=2025&omrade={torget}"
    ).content.decode()
    assert "Inzoomad på Torget." in analysis
    document = client.get("/personal/lagesbild/0880/dokument/?period=2025")
    assert "data-map-area" not in document.content.decode()  # no links in a file
