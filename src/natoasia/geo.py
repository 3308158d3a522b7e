"""Geography for the notebooks: a shipped Natural Earth basemap, great-circle distances, maps.

Distances are great-circle distances on a **sphere of radius 6371.0088 km** (the IUGG mean
Earth radius R1) computed with the haversine formula. On the ellipsoid the true geodesic can
differ by up to about 0.5 %, far less than the circuity assumptions laid on top of it.

The basemap is a small subset of Natural Earth v4.0.0 (public domain) shipped in
``data/geo/``: admin-0 countries at 1:50m for the region from the Atlantic to East Asia,
simplified, and the 1:50m populated places of the same region. :func:`build_region_subset`
is the exact procedure that made those files from ``shared/sources/naturalearth/``; a test
re-runs it and compares the bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from natoasia.data import data_dir

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius R1; a sphere, not the WGS84 ellipsoid
GEO_FOLDER = "geo"
COUNTRIES_FILE = "ne_50m_admin_0_countries_region.geojson"
PLACES_FILE = "ne_50m_populated_places_region.geojson"
# The region kept: west of the Azores to the Sea of Japan, the Gulf of Aden to the Arctic.
REGION_BBOX = (-30.0, 0.0, 150.0, 82.0)  # lon_min, lat_min, lon_max, lat_max (degrees)
SIMPLIFY_DEGREES = 0.02  # Douglas–Peucker tolerance for the shipped country outlines
CHORD_KM = 1.0  # longest chord of a great circle drawn as a line (countries_crossed)
COORD_DECIMALS = 3  # about 100 m: far below what a map of this scale can show
PLACE_FIELDS = ("name", "nameascii", "adm0name", "adm0_a3", "featurecla")
COUNTRY_FIELDS = ("NAME", "ADM0_A3", "ISO_A3")

# Route families: one Okabe–Ito colour each (shared with the plotting house style).
FAMILY_COLOURS = {
    "sea_approach": "#56B4E9",  # sky blue
    "pakistan": "#D55E00",  # vermillion
    "northern": "#0072B2",  # blue
    "caucasus_caspian": "#009E73",  # bluish green
    "kyrgyz_tajik": "#CC79A7",  # reddish purple
    "air": "#E69F00",  # orange
}
FAMILY_LABELS = {
    "sea_approach": "Sea approach (to Karachi, Riga, Poti)",
    "pakistan": "Pakistan ground routes from Karachi",
    "northern": "Northern: Russia–Kazakhstan–Uzbekistan",
    "caucasus_caspian": "Caucasus and across the Caspian",
    "kyrgyz_tajik": "Through Kyrgyzstan and Tajikistan",
    "air": "Air (overflight and air bases)",
}
MODE_STYLES = {"sea": ":", "ferry": "-.", "rail": "-", "road": "--", "air": (0, (8, 3))}


def geo_dir(folder: str | Path | None = None) -> Path:
    """The folder holding the shipped Natural Earth subset."""
    return data_dir(folder) / GEO_FOLDER


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between points given in degrees (scalars or arrays)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlam = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    h = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlam / 2) ** 2
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(distance) if np.ndim(distance) == 0 else distance


def great_circle_points(lat1: float, lon1: float, lat2: float, lon2: float,
                        n: int = 32) -> np.ndarray:
    """``n`` points (lon, lat) along the great circle from point 1 to point 2, ends included."""
    if n < 2:
        raise ValueError(f"n={n}: a great circle needs at least 2 points")
    p1 = _unit(lat1, lon1)
    p2 = _unit(lat2, lon2)
    omega = math.acos(max(-1.0, min(1.0, float(np.dot(p1, p2)))))
    t = np.linspace(0.0, 1.0, n)
    if omega < 1e-12:
        xyz = np.repeat(p1[None, :], n, axis=0)
    else:
        xyz = (np.sin((1 - t) * omega)[:, None] * p1 + np.sin(t * omega)[:, None] * p2) / math.sin(
            omega)
    lat = np.degrees(np.arcsin(np.clip(xyz[:, 2], -1, 1)))
    lon = np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0]))
    return np.column_stack([lon, lat])


def _unit(lat: float, lon: float) -> np.ndarray:
    phi, lam = math.radians(lat), math.radians(lon)
    return np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)])


# --------------------------------------------------------------------------- shipped subset


def _round_coords(obj, decimals: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), decimals) for v in obj]
        return [_round_coords(o, decimals) for o in obj]
    return obj


def _dump(features: list[dict], path: Path) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def build_region_subset(source_dir: str | Path, out_dir: str | Path,
                        bbox: tuple[float, float, float, float] = REGION_BBOX,
                        tolerance: float = SIMPLIFY_DEGREES) -> list[Path]:
    """Make the shipped basemap files from the staged Natural Earth v4.0.0 GeoJSON.

    Countries: every 1:50m admin-0 polygon that meets ``bbox``, clipped to it, simplified
    with a Douglas–Peucker tolerance of ``tolerance`` degrees (topology preserved), kept
    fields ``NAME, ADM0_A3, ISO_A3``, coordinates rounded to 3 decimals. Places: every 1:50m
    populated place inside ``bbox`` with its name, country and exact coordinates. Output is
    sorted and written with sorted keys, so the same input gives the same bytes.
    """
    from shapely.geometry import box, mapping, shape

    source_dir, out_dir = Path(source_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frame = box(*bbox)
    raw = json.loads((source_dir / "ne_50m_admin_0_countries.geojson").read_text("utf-8"))
    countries = []
    for feature in raw["features"]:
        geom = shape(feature["geometry"])
        if not geom.intersects(frame):
            continue
        clipped = geom.intersection(frame).simplify(tolerance, preserve_topology=True)
        if clipped.is_empty:
            continue
        props = {k: feature["properties"][k] for k in COUNTRY_FIELDS}
        geometry = mapping(clipped)
        geometry = {"type": geometry["type"],
                    "coordinates": _round_coords(geometry["coordinates"], COORD_DECIMALS)}
        countries.append({"type": "Feature", "properties": props, "geometry": geometry})
    countries.sort(key=lambda f: (f["properties"]["ADM0_A3"], f["properties"]["NAME"]))

    raw = json.loads((source_dir / "ne_50m_populated_places_simple.geojson").read_text("utf-8"))
    places = []
    lon_min, lat_min, lon_max, lat_max = bbox
    for feature in raw["features"]:
        p = feature["properties"]
        lat, lon = float(p["latitude"]), float(p["longitude"])
        if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
            continue
        props = {k: p[k] for k in PLACE_FIELDS}
        props.update(latitude=lat, longitude=lon)
        places.append({"type": "Feature", "properties": props,
                       "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    places.sort(key=lambda f: (f["properties"]["adm0_a3"], f["properties"]["name"]))

    written = [out_dir / COUNTRIES_FILE, out_dir / PLACES_FILE]
    _dump(countries, written[0])
    _dump(places, written[1])
    return written


@lru_cache(maxsize=4)
def _countries(folder: Path):
    import geopandas as gpd

    path = folder / COUNTRIES_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing; the basemap ships in data/{GEO_FOLDER}/")
    gdf = gpd.read_file(path)
    return gdf.rename(columns={"NAME": "name", "ADM0_A3": "adm0_a3", "ISO_A3": "iso_a3"})[
        ["name", "adm0_a3", "iso_a3", "geometry"]].sort_values("adm0_a3").reset_index(drop=True)


def countries(folder: str | Path | None = None):
    """The shipped admin-0 countries (GeoDataFrame: name, adm0_a3, iso_a3, geometry)."""
    return _countries(geo_dir(folder).resolve()).copy()


@lru_cache(maxsize=4)
def _places(folder: Path) -> pd.DataFrame:
    path = folder / PLACES_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing; the places ship in data/{GEO_FOLDER}/")
    rows = [f["properties"] for f in json.loads(path.read_text("utf-8"))["features"]]
    return pd.DataFrame(rows, columns=[*PLACE_FIELDS, "latitude", "longitude"])


def places(folder: str | Path | None = None) -> pd.DataFrame:
    """The shipped Natural Earth populated places of the region (a DataFrame)."""
    return _places(geo_dir(folder).resolve()).copy()


def place(name: str, adm0_a3: str, folder: str | Path | None = None) -> tuple[float, float]:
    """(latitude, longitude) of a Natural Earth populated place, matched on name and country."""
    table = places(folder)
    hit = table[((table["name"] == name) | (table["nameascii"] == name))
                & (table["adm0_a3"] == adm0_a3)]
    if len(hit) != 1:
        known = sorted(table.loc[table["adm0_a3"] == adm0_a3, "name"])
        raise KeyError(f"Natural Earth place {name!r} in {adm0_a3}: {len(hit)} matches; "
                       f"places in {adm0_a3}: {', '.join(known) or 'none'}")
    return float(hit["latitude"].iloc[0]), float(hit["longitude"].iloc[0])


def countries_crossed(lat1: float, lon1: float, lat2: float, lon2: float,
                      folder: str | Path | None = None) -> list[str]:
    """Names of the shipped countries the great circle between two points passes over.

    The great circle is drawn as a line of chords no longer than :data:`CHORD_KM` (each strays
    from the arc by well under a metre), and a country counts when that line runs through its
    outline, however short the stretch: sampling points along the path instead misses a
    narrow crossing such as the Netherlands on a flight out of Belgium. The list is in order
    along the path (where the path first enters each country), each country once.
    """
    from shapely import LineString, Point

    gdf = countries(folder)
    km = haversine_km(lat1, lon1, lat2, lon2)
    if km == 0:  # one point: the country it lies in
        return sorted(gdf.loc[gdf.contains(Point(lon1, lat1)), "name"])
    path = LineString(great_circle_points(lat1, lon1, lat2, lon2,
                                          max(2, math.ceil(km / CHORD_KM) + 1)))
    entered = {}  # country -> distance along the path (in degrees) where it is first entered
    for name, outline in zip(gdf["name"], gdf.geometry, strict=True):
        inside = path.intersection(outline)
        stretches = [g for g in getattr(inside, "geoms", [inside]) if g.length > 0]
        if stretches:  # a path only touching a border at a point does not cross it
            entered[name] = min(path.project(Point(xy)) for g in stretches
                                for xy in (g.coords[0], g.coords[-1]))
    return sorted(entered, key=lambda name: (entered[name], name))


# --------------------------------------------------------------------------- maps


def basemap(ax, extent: tuple[float, float, float, float], highlight: Iterable[str] = (),
            folder: str | Path | None = None):
    """Draw the countries in ``extent`` (lon_min, lon_max, lat_min, lat_max) on ``ax``.

    The map is plate carrée (longitude and latitude as x and y) with the aspect set for the
    middle latitude, so shapes are true to scale along that parallel. Countries named in
    ``highlight`` are shaded a little darker.
    """
    gdf = countries(folder)
    lon_min, lon_max, lat_min, lat_max = extent
    highlight = set(highlight)
    gdf = gdf.sort_values("name", key=lambda names: names.isin(highlight), kind="stable")
    shade = gdf["name"].isin(highlight).to_numpy()  # drawn last, so their borders stay on top
    # One call: geopandas redraws the whole figure after each plot() call.
    gdf.plot(ax=ax, zorder=0, color=np.where(shade, "#e0e0e0", "#f2f2f2"),
             edgecolor=np.where(shade, "#9e9e9e", "#bdbdbd"), linewidth=np.where(shade, 0.5, 0.4))
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1 / math.cos(math.radians((lat_min + lat_max) / 2)))
    ax.set_facecolor("#fbfdff")
    ax.set_xlabel("Longitude (degrees east)")
    ax.set_ylabel("Latitude (degrees north)")
    return ax


NODE_MARKERS = {"origin": "*", "sea_waypoint": ".", "sea_port": "s", "caspian_port": "s",
                "rail_hub": "o", "border_crossing": "D", "air_base": "^", "hub": "o"}
NODE_KIND_LABELS = {"origin": "origin", "sea_waypoint": "sea waypoint", "sea_port": "sea port",
                    "caspian_port": "Caspian port", "rail_hub": "rail hub", "hub": "hub",
                    "border_crossing": "border crossing", "air_base": "air base"}


def plot_network(nodes: pd.DataFrame, links: pd.DataFrame, title: str, source: str,
                 extent: tuple[float, float, float, float] = (-12.0, 80.0, 8.0, 62.0),
                 highlight: Iterable[str] = (), route: list[str] | None = None,
                 folder: str | Path | None = None,
                 label_offsets: Mapping[str, tuple[float, float]] | None = None):
    """The route network on a Natural Earth basemap, links coloured by route family.

    ``nodes`` needs node_id, label, latitude, longitude, kind; ``links`` needs link_id,
    from_node, to_node, mode, family. Links are drawn as great circles; line style shows the
    mode. A ``route`` (list of node ids) is drawn underneath as a broad grey band. Labels sit
    at ``label_offsets[node_id]`` points from their node (default 4, 3).
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from natoasia.plotting import finish

    fig, ax = plt.subplots(figsize=(10, 6.6))
    basemap(ax, extent, highlight, folder)
    pos = {r.node_id: (r.latitude, r.longitude) for r in nodes.itertuples()}
    if route:
        for a, b in zip(route, route[1:], strict=False):
            if a in pos and b in pos:
                xy = great_circle_points(*pos[a], *pos[b], 24)
                ax.plot(xy[:, 0], xy[:, 1], color="black", linewidth=6, alpha=0.18, zorder=1,
                        solid_capstyle="round")
    for link in links.sort_values("link_id").itertuples():
        (la1, lo1), (la2, lo2) = pos[link.from_node], pos[link.to_node]
        xy = great_circle_points(la1, lo1, la2, lo2, 24)
        air = link.mode == "air"
        ax.plot(xy[:, 0], xy[:, 1], color=FAMILY_COLOURS[link.family],
                linestyle=MODE_STYLES.get(link.mode, "-"), linewidth=1.1 if air else 1.9,
                alpha=0.75 if air else 0.95, zorder=2)
    for kind, group in nodes.sort_values("node_id").groupby("kind", sort=True):
        size = 12 if kind == "sea_waypoint" else 34
        ax.scatter(group["longitude"], group["latitude"], marker=NODE_MARKERS.get(kind, "o"),
                   s=size, color="black", edgecolor="white", linewidth=0.6, zorder=4)
    for row in nodes.sort_values("node_id").itertuples():
        if row.kind == "sea_waypoint":
            continue
        offset = (label_offsets or {}).get(row.node_id, (4, 3))
        ax.annotate(row.label, (row.longitude, row.latitude), xytext=offset,
                    textcoords="offset points", fontsize=7, zorder=5,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.7})
    used = [f for f in FAMILY_COLOURS if f in set(links["family"])]
    handles = [Line2D([0], [0], color=FAMILY_COLOURS[f], linewidth=2.2, label=FAMILY_LABELS[f])
               for f in used]
    modes = [m for m in MODE_STYLES if m in set(links["mode"])]
    handles += [Line2D([0], [0], color="#555555", linestyle=MODE_STYLES[m], linewidth=1.4,
                       label=f"mode: {m}") for m in modes]
    if route:
        handles.append(Line2D([0], [0], color="black", alpha=0.18, linewidth=6,
                              label="cheapest route"))
    ax.add_artist(ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=True,
                            framealpha=0.9, handlelength=3.5))  # tells dash patterns apart
    present = set(nodes["kind"])
    kinds: dict[str, list[str]] = {}  # marker -> the kinds it stands for
    for kind in [k for k in NODE_MARKERS if k in present] + sorted(present - set(NODE_MARKERS)):
        kinds.setdefault(NODE_MARKERS.get(kind, "o"), []).append(
            NODE_KIND_LABELS.get(kind, kind.replace("_", " ")))
    ax.legend(handles=[Line2D([0], [0], marker=marker, linestyle="", color="black",
                              markersize=3 if marker == "." else 5, label=" or ".join(labels))
                       for marker, labels in kinds.items()],
              loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=len(kinds), fontsize=7,
              frameon=False, title="Nodes", title_fontsize=7)  # under the map: no route hidden
    finish(fig, title, source)
    return fig
