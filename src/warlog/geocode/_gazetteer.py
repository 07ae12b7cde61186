"""The bundled gazetteer: a read-only SQLite file queried per name key, polygons loaded on demand.

Opening costs a few milliseconds and a few MB: places stay on disk and come back per key (with an
LRU cache); the small tables (countries, first-level divisions without their shapes) are read at
open; a province's polygon is parsed only when a point falls in its bounding box.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import yaml

from warlog.errors import ConfigError
from warlog.geocode._normalise import KEY_VERSION, normalise_key
from warlog.geocode._store import COORD_SCALE, CURATED_BASE, CURATED_FILES, curated_digest, read_curated

__all__ = ["Country", "Gazetteer", "PlaceRow", "Region", "cached_gazetteer"]

log = logging.getLogger(__name__)

DB_NAME = "gazetteer.sqlite"


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer entry: a town, a facility or an area (areas carry a radius)."""

    gid: str
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str | None
    kind: str
    population: int
    radius_km: float | None = None


@dataclass(slots=True)
class Region:
    """A first-level division (province, governorate) under ACLED's spelling."""

    idx: int
    cc: str
    code: str
    name: str
    aliases: tuple[str, ...]
    seat: tuple[float, float] | None
    seat_name: str
    point: tuple[float, float] | None
    bbox: tuple[float, float, float, float] | None


@dataclass(slots=True)
class Country:
    iso: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    point: tuple[float, float] | None
    population: int


def _data_dir() -> Path:
    return Path(str(resources.files("warlog").joinpath("data/gazetteer")))


@dataclass(eq=False)
class Gazetteer:
    """Keyed access to the bundled SQLite gazetteer plus the user's own rows (in memory)."""

    path: Path
    regions: list[Region] = field(default_factory=list)
    region_by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, Country] = field(default_factory=dict)
    country_by_key: dict[str, str] = field(default_factory=dict)
    demonym_by_key: dict[str, str] = field(default_factory=dict)
    # "Gaza": Palestine in an article's context, the city when looked up itself
    territory_by_key: dict[str, str] = field(default_factory=dict)
    facility_keys: set[str] = field(default_factory=set)
    descriptors: dict[str, Any] = field(default_factory=dict)
    region_name: dict[int | None, str] = field(default_factory=dict)
    user_rows: dict[str, list[PlaceRow]] = field(default_factory=lambda: defaultdict(list))
    _local: threading.local = field(default_factory=threading.local)
    _polygons: dict[tuple[str, int | str], Any] = field(default_factory=dict)
    _facilities: tuple[PlaceRow, ...] | None = None
    _bboxes: Any = None
    _by_name: dict[tuple[str, str], Region] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.places = lru_cache(maxsize=100_000)(self._places)
        self.keys_in_country = lru_cache(maxsize=64)(self._keys_in_country)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def _places(self, key: str) -> tuple[PlaceRow, ...]:
        """Every entry whose name has this key (bundled, then the user's)."""
        rows = self._db().execute(
            "SELECT p.id, p.gid, p.name, p.lat, p.lon, p.cc, p.region, p.kind, p.population, p.radius_km"
            " FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
        found = [PlaceRow(gid or f"gn:{pid}", name, lat / COORD_SCALE, lon / COORD_SCALE, cc,
                          self.region_name.get(region), kind or "populated place", population, radius)
                 for pid, gid, name, lat, lon, cc, region, kind, population, radius in rows]
        return (*found, *self.user_rows.get(key, ()))

    def _keys_in_country(self, cc: str) -> frozenset[str]:
        # One scan of names against the country's ids (a temporary B-tree), not a lookup of each
        # name's place: names has no index on place, and the join costs four times as much.
        keys = {k for (k,) in self._db().execute(
            "SELECT n.key FROM names n WHERE n.place IN (SELECT id FROM places WHERE cc = ?)", (cc,))}
        keys.update(k for k, rows in self.user_rows.items() if any(r.cc == cc for r in rows))
        return frozenset(keys)

    def facilities(self) -> tuple[PlaceRow, ...]:
        """Every curated non-town entry (bases, airports, fields, areas), for "the base in Jordan"."""
        if self._facilities is None:
            keys = sorted(self.facility_keys)
            rows = {r.gid: r for key in keys for r in self.places(key) if r.kind != "populated place"}
            self._facilities = tuple(rows[g] for g in sorted(rows))
        return self._facilities

    def nation(self, key: str) -> str | None:
        """The country a name key is (a country's name) or describes (a demonym): "Syrian" -> SY."""
        return self.country_by_key.get(key) or self.demonym_by_key.get(key)

    def has_key(self, key: str) -> bool:
        return bool(key) and (key in self.region_by_key or bool(self.places(key)))

    def _polygon(self, table: str, ident: int | str) -> Any:
        cache_key = (table, ident)
        if cache_key not in self._polygons:
            column = "id" if table == "regions" else "iso"
            row = self._db().execute(f"SELECT wkb FROM {table} WHERE {column} = ?", (ident,)).fetchone()
            self._polygons[cache_key] = shapely.from_wkb(row[0]) if row and row[0] else None
            if self._polygons[cache_key] is not None:
                shapely.prepare(self._polygons[cache_key])
        return self._polygons[cache_key]

    def region_polygon(self, region: Region) -> Any:
        return self._polygon("regions", region.idx)

    def country_polygon(self, cc: str) -> Any:
        return self._polygon("countries", cc)

    def region_at(self, lat: float, lon: float, prefer_cc: str | None = None) -> Region | None:
        """The first-level division containing the point (polygons), else None."""
        if self._bboxes is None:
            self._bboxes = np.array([r.bbox or (np.inf, np.inf, -np.inf, -np.inf) for r in self.regions])
        b = self._bboxes
        found = np.flatnonzero((b[:, 0] <= lon) & (lon <= b[:, 2]) & (b[:, 1] <= lat) & (lat <= b[:, 3]))
        hits = sorted((self.regions[int(i)] for i in found), key=lambda r: (r.cc != prefer_cc, r.idx))
        for region in hits:
            poly = self.region_polygon(region)
            if poly is not None and shapely.contains_xy(poly, lon, lat):
                return region
        return None

    def region_named(self, cc: str, name: str) -> Region | None:
        if not self._by_name:
            for r in reversed(self.regions):
                self._by_name[(r.cc, r.name)] = r
        return self._by_name.get((cc, name))

    def region_shapes(self, cc: str) -> list[tuple[Region, Any]]:
        """A country's first-level divisions with their polygons, for the dashboard's map."""
        return [(r, poly) for r in self.regions if r.cc == cc
                and (poly := self.region_polygon(r)) is not None]

    def largest_places(self, cc: str, limit: int) -> list[PlaceRow]:
        """A country's most populous GeoNames towns that lie in a known province (synthetic data)."""
        rows = self._db().execute(
            "SELECT id, name, lat, lon, region, population FROM places WHERE cc = ? AND id < ?"
            " AND region IS NOT NULL ORDER BY population DESC, id LIMIT ?", (cc, CURATED_BASE, limit))
        return [PlaceRow(f"gn:{pid}", name, lat / COORD_SCALE, lon / COORD_SCALE, cc,
                         self.region_name.get(region), "populated place", population)
                for pid, name, lat, lon, region, population in rows]

    def add_user_rows(self, text: str, source: str) -> None:
        for row in read_curated(text, source):
            admin1 = row.admin1
            if admin1 is None:
                region = self.region_at(row.lat, row.lon, row.cc)
                admin1 = region.name if region is not None else None
            place = PlaceRow(row.id, row.name, row.lat, row.lon, row.cc, admin1, row.kind, 0, row.radius_km)
            for key in {normalise_key(n) for n in (row.name, *row.alternates)} - {""}:
                self.user_rows[key].append(place)
                if row.kind != "populated place":
                    self.facility_keys.add(key)
        self.places.cache_clear()
        self.keys_in_country.cache_clear()
        self._facilities = None


def _load_small_tables(gaz: Gazetteer) -> None:
    db = gaz._db()
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("key_version") != str(KEY_VERSION):
        raise ConfigError(f"{gaz.path} was built with name key v{meta.get('key_version')}, the code uses "
                          f"v{KEY_VERSION}: run python scripts/build_gazetteer.py")
    data_dir = _data_dir()
    fresh = meta.get("curated_digest") == curated_digest(data_dir)
    if all((data_dir / n).exists() for n in CURATED_FILES) and not fresh:
        log.warning("%s is older than the curated tables: run python scripts/build_gazetteer.py "
                    "--curated-only", gaz.path)
    for idx, cc, code, name, aliases, slat, slon, seat, lat, lon, minx, miny, maxx, maxy in db.execute(
            "SELECT id, cc, code, name, aliases, seat_lat, seat_lon, seat, lat, lon, minx, miny, maxx, maxy"
            " FROM regions ORDER BY id"):
        seat_point = (slat, slon) if slat is not None else None
        region = Region(idx, cc, code, name, tuple(a for a in aliases.split("|") if a), seat_point,
                        seat or "", (lat, lon) if lat is not None else seat_point,
                        (minx, miny, maxx, maxy) if minx is not None else None)
        position = len(gaz.regions)
        gaz.regions.append(region)
        gaz.region_name[idx] = name
        for alias in {name, *region.aliases}:
            gaz.region_by_key[normalise_key(alias)].append(position)
    extra: dict[str, tuple[list[str], list[str]]] = {}
    for line in (data_dir / "countries_extra.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso, aliases, demonyms, territories = ([*line.split("\t"), "", "", ""])[:4]
        extra[iso] = ([a for a in aliases.split("|") if a], [d for d in demonyms.split("|") if d])
        for territory in filter(None, territories.split("|")):
            gaz.territory_by_key.setdefault(normalise_key(territory), iso)
    for iso, name, lat, lon, population in db.execute(
            "SELECT iso, name, lat, lon, population FROM countries ORDER BY iso"):
        aliases_, demonyms_ = extra.get(iso, ([], []))
        country = Country(iso, name, tuple(aliases_), tuple(demonyms_),
                          (lat, lon) if lat is not None else None, population)
        gaz.countries[iso] = country
        for alias in (name, *aliases_):
            gaz.country_by_key.setdefault(normalise_key(alias), iso)
        for demonym in demonyms_:
            gaz.demonym_by_key.setdefault(normalise_key(demonym), iso)
    gaz.facility_keys = {k for (k,) in db.execute(
        "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place"
        " WHERE n.place >= ? AND p.kind != 'populated place'", (CURATED_BASE,))}
    gaz.descriptors = yaml.safe_load((data_dir / "descriptors.yaml").read_text(encoding="utf-8"))


def load_gazetteer(user_places: str = "", path: Path | None = None) -> Gazetteer:
    """Open the bundled gazetteer (and read the user's TSV, if any); milliseconds, not seconds."""
    path = path or _data_dir() / DB_NAME
    if not path.exists():
        raise ConfigError(f"{path} is missing: run python scripts/build_gazetteer.py")
    gaz = Gazetteer(path)
    _load_small_tables(gaz)
    if user_places:
        user_path = Path(user_places)
        try:
            text = user_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"user_places {user_path}: cannot read ({exc})") from exc
        gaz.add_user_rows(text, str(user_path))
    log.info("gazetteer %s: %d regions, %d countries", path.name, len(gaz.regions), len(gaz.countries))
    return gaz


_CACHE: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def cached_gazetteer(user_places: str = "") -> Gazetteer:
    """One gazetteer per process (per user_places file): a second Geocoder costs nothing."""
    with _LOCK:
        if user_places not in _CACHE:
            _CACHE[user_places] = load_gazetteer(user_places)
        return _CACHE[user_places]
