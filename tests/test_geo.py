"""natoasia.geo: haversine distances, great circles, the shipped Natural Earth subset, maps."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from conftest import shared_sources  # noqa: E402
from natoasia import geo, logistics  # noqa: E402

R = 6371.0088


def test_radius_is_the_iugg_mean_radius():
    assert geo.EARTH_RADIUS_KM == R


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),
        ((0.0, 0.0), (0.0, 1.0), 2 * math.pi * R / 360),  # one degree along the equator
        ((0.0, 0.0), (90.0, 0.0), math.pi * R / 2),  # equator to pole
        ((0.0, 0.0), (0.0, 180.0), math.pi * R),  # antipodes
        ((60.0, 10.0), (60.0, 11.0), 2 * math.pi * R / 360 * math.cos(math.radians(60)) * 1.0),
    ],
    ids=["same-point", "equator-degree", "quarter", "antipodes", "parallel-60"],
)
def test_haversine_known_distances(a, b, km):
    tolerance = 0.05 if a[0] == 60.0 else 1e-6  # along a parallel the great circle is shorter
    assert geo.haversine_km(*a, *b) == pytest.approx(km, abs=max(tolerance, 1e-9))


def test_haversine_is_symmetric_and_vectorised():
    lat1, lon1 = np.array([56.95, 24.87]), np.array([24.10, 66.99])
    lat2, lon2 = np.array([55.75, 34.52]), np.array([37.62, 69.18])
    forward = geo.haversine_km(lat1, lon1, lat2, lon2)
    backward = geo.haversine_km(lat2, lon2, lat1, lon1)
    assert forward.shape == (2,) and np.allclose(forward, backward)
    assert forward[0] == pytest.approx(geo.haversine_km(56.95, 24.10, 55.75, 37.62))


def test_great_circle_points_end_at_the_inputs_and_add_up():
    pts = geo.great_circle_points(50.83, 4.33, 34.52, 69.18, n=50)
    assert pts.shape == (50, 2)
    assert pts[0] == pytest.approx([4.33, 50.83]) and pts[-1] == pytest.approx([69.18, 34.52])
    steps = geo.haversine_km(pts[:-1, 1], pts[:-1, 0], pts[1:, 1], pts[1:, 0])
    assert steps.sum() == pytest.approx(geo.haversine_km(50.83, 4.33, 34.52, 69.18), rel=1e-9)
    equator = geo.great_circle_points(0, 10, 0, 50, n=5)
    assert equator[:, 1] == pytest.approx([0, 0, 0, 0, 0], abs=1e-9)
    with pytest.raises(ValueError, match="at least 2 points"):
        geo.great_circle_points(0, 0, 1, 1, n=1)


def test_place_lookup_and_unknown_place():
    assert geo.place("Riga", "LVA") == pytest.approx((56.9500238232, 24.0999653714))
    with pytest.raises(KeyError, match="places in LVA: Riga"):
        geo.place("Daugavpils", "LVA")


def test_countries_crossed_in_order():
    brussels, kabul = geo.place("Brussels", "BEL"), geo.place("Kabul", "AFG")
    crossed = geo.countries_crossed(*brussels, *kabul)
    assert crossed[0] == "Belgium" and crossed[-1] == "Afghanistan"
    assert crossed.index("Russia") < crossed.index("Kazakhstan")
    # two places in one country: only that country
    assert geo.countries_crossed(*geo.place("Almaty", "KAZ"), *geo.place("Astana", "KAZ")) == [
        "Kazakhstan"]


def test_a_narrow_crossing_counts():
    """Out of Brussels towards Bishkek the great circle clips the Netherlands for a few
    kilometres; sampling 200 points along the path missed it, the line through the outlines
    does not."""
    crossed = geo.countries_crossed(*geo.place("Brussels", "BEL"), *geo.place("Bishkek", "KGZ"))
    assert crossed[:3] == ["Belgium", "Netherlands", "Germany"]


def test_a_path_along_no_outline_crosses_nothing():
    assert geo.countries_crossed(40.0, -20.0, 41.0, -25.0) == []  # the open Atlantic
    almaty = geo.place("Almaty", "KAZ")
    assert geo.countries_crossed(*almaty, *almaty) == ["Kazakhstan"]  # one point: its country


def test_shipped_basemap_is_small_and_covers_the_network():
    folder = geo.geo_dir()
    size = sum(p.stat().st_size for p in folder.glob("*.geojson"))
    assert size < 1.5 * 1024 * 1024
    names = set(geo.countries()["name"])
    nodes = logistics.load_network().nodes
    assert set(nodes.loc[nodes["kind"] != "sea_waypoint", "country"]) <= names
    assert {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Japan",
            "Portugal"} <= names


def test_shipped_subset_is_reproduced_from_the_staged_natural_earth(tmp_path):
    staged = shared_sources("naturalearth")
    written = geo.build_region_subset(staged, tmp_path)
    for path in written:
        assert path.read_bytes() == (geo.geo_dir() / path.name).read_bytes(), path.name


def test_network_map_has_title_source_legend_and_is_repeatable():
    network = logistics.load_network()
    kwargs = {"title": "Test map", "source": "test source",
              "label_offsets": logistics.LABEL_OFFSETS, "route": ["western_europe", "riga"]}
    fig = geo.plot_network(network.nodes, network.links, **kwargs)
    texts = [t.get_text() for t in fig.texts]
    assert "Test map" in texts and any(t.startswith("Source: test source") for t in texts)
    ax = fig.axes[0]
    routes = next(a for a in ax.artists if isinstance(a, matplotlib.legend.Legend))
    legend = [t.get_text() for t in routes.get_texts()]
    assert len(legend) == len(geo.FAMILY_COLOURS) + len(geo.MODE_STYLES) + 1
    # every node marker is explained (markers shared by two kinds name both)
    nodes = [t.get_text() for t in ax.get_legend().get_texts()]
    assert nodes == ["origin", "sea waypoint", "sea port or Caspian port", "rail hub or hub",
                     "border crossing", "air base"]
    assert ax.get_xlabel().startswith("Longitude") and ax.get_ylabel().startswith("Latitude")
    first = [line.get_xydata().tobytes() for line in ax.get_lines()]
    plt.close(fig)
    again = geo.plot_network(network.nodes, network.links, **kwargs)
    assert [line.get_xydata().tobytes() for line in again.axes[0].get_lines()] == first
    plt.close(again)


def test_every_map_label_sits_nearest_its_own_node():
    """A label closer to another place's marker than to its own misplaces that place (Kabul's
    label once sat over Kandahar's dot). Nodes drawn at one stand-in place count as one."""
    network = logistics.load_network()
    fig = geo.plot_network(network.nodes, network.links, title="t", source="s",
                           label_offsets=logistics.LABEL_OFFSETS)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    nodes = network.nodes.set_index("label")
    points = ax.transData.transform(nodes[["longitude", "latitude"]].to_numpy())
    misplaced = []
    for note in ax.texts:
        if note.get_text() not in nodes.index:
            continue  # country names
        box = note.get_window_extent(renderer)
        gap = np.hypot(np.clip(points[:, 0], box.x0, box.x1) - points[:, 0],
                       np.clip(points[:, 1], box.y0, box.y1) - points[:, 1])
        own = nodes.index.get_loc(note.get_text())
        nearest = int(np.argmin(gap))
        if not np.allclose(points[nearest], points[own]):
            misplaced.append((note.get_text(), nodes.index[nearest]))
    plt.close(fig)
    assert not misplaced
