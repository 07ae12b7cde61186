"""The bundled gazetteer: places, facilities, first-level divisions and countries, loaded once.

Places are stored column-wise (parallel lists) to keep 235k rows small in memory; names are
indexed by their transliteration key (``normalise_key``). Admin-1 polygons sit in an STRtree so
a point's province comes from the map, not from the nearest town.
"""

from __future__ import annotations

import gzip
import logging
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import shapely
import yaml

from warlog.errors import ConfigError
from warlog.geocode._normalise import KEY_VERSION, normalise_key

__all__ = ["Country", "Gazetteer", "Region", "load_gazetteer"]

log = logging.getLogger(__name__)

_FACILITY_COLUMNS = ["id", "name", "alternates", "kind", "lat", "lon", "cc", "admin1", "source"]


@dataclass(slots=True)
class Region:
    """A first-level division (province, governorate) under ACLED's spelling."""

    cc: str
    code: str
    name: str
    aliases: tuple[str, ...]
    seat: tuple[float, float] | None
    seat_name: str
    point: tuple[float, float] | None
    polygon: Any = None


@dataclass(slots=True)
class Country:
    iso: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    point: tuple[float, float] | None
    population: int
    polygon: Any = None


@dataclass
class Gazetteer:
    """Column store of places plus region and country tables; built by ``load_gazetteer``."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    ccs: list[str] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    populations: list[int] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    keys_by_cc: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    facility_keys: set[str] = field(default_factory=set)
    regions: list[Region] = field(default_factory=list)
    region_by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, Country] = field(default_factory=dict)
    country_by_key: dict[str, str] = field(default_factory=dict)
    demonym_by_key: dict[str, str] = field(default_factory=dict)
    descriptors: dict[str, Any] = field(default_factory=dict)
    _region_tree: Any = None
    _region_of_tree: list[int] = field(default_factory=list)
    _country_tree: Any = None
    _country_of_tree: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def add_place(self, pid: str, name: str, lat: float, lon: float, cc: str, admin1: str | None,
                  kind: str, population: int, keys: set[str]) -> int:
        idx = len(self.ids)
        self.ids.append(pid)
        self.names.append(name)
        self.lats.append(lat)
        self.lons.append(lon)
        self.ccs.append(cc)
        self.admin1.append(admin1)
        self.kinds.append(kind)
        self.populations.append(population)
        for key in keys:
            if key:
                self.by_key[key].append(idx)
                self.keys_by_cc[cc].add(key)
        return idx

    def region_at(self, lat: float, lon: float) -> Region | None:
        """The first-level division containing the point (polygons), else None."""
        if self._region_tree is None:
            return None
        hits = self._region_tree.query(shapely.Point(lon, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        return self.regions[self._region_of_tree[int(min(hits))]]

    def country_at(self, lat: float, lon: float) -> str | None:
        if self._country_tree is None:
            return None
        hits = self._country_tree.query(shapely.Point(lon, lat), predicate="intersects")
        return self._country_of_tree[int(min(hits))] if len(hits) else None

    def region_named(self, cc: str, name: str) -> Region | None:
        for r in self.regions:
            if r.cc == cc and r.name == name:
                return r
        return None

    def finish(self) -> None:
        """Build the spatial indexes once every table is loaded."""
        polys = [(i, r.polygon) for i, r in enumerate(self.regions) if r.polygon is not None]
        self._region_of_tree = [i for i, _ in polys]
        self._region_tree = shapely.STRtree([p for _, p in polys]) if polys else None
        cps = [(iso, c.polygon) for iso, c in sorted(self.countries.items()) if c.polygon is not None]
        self._country_of_tree = [iso for iso, _ in cps]
        self._country_tree = shapely.STRtree([p for _, p in cps]) if cps else None


def _data_file(name: str) -> Any:
    return resources.files("warlog").joinpath(f"data/gazetteer/{name}")


def _read_tsv_gz(name: str) -> Iterator[dict[str, str]]:
    with _data_file(name).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8", newline="") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(header, line.rstrip("\n").split("\t"), strict=True))


def _read_curated(text: str, source: str) -> Iterator[dict[str, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 7:
            raise ConfigError(f"{source} line {number}: expected {len(_FACILITY_COLUMNS)} tab-separated "
                              f"columns ({', '.join(_FACILITY_COLUMNS)}), got {len(cells)}")
        row = dict(zip(_FACILITY_COLUMNS, [*cells, "", ""][: len(_FACILITY_COLUMNS)], strict=True))
        try:
            float(row["lat"]), float(row["lon"])
        except ValueError as exc:
            raise ConfigError(f"{source} line {number}: lat/lon must be numbers ({exc})") from exc
        yield row


def _load_regions(gaz: Gazetteer) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    for row in _read_tsv_gz("admin1.tsv.gz"):
        seat = (float(row["seat_lat"]), float(row["seat_lon"])) if row["seat_lat"] else None
        point = (float(row["lat"]), float(row["lon"])) if row["lat"] else None
        polygon = shapely.from_wkb(bytes.fromhex(row["wkb"])) if row["wkb"] else None
        aliases = tuple(a for a in row["aliases"].split("|") if a)
        region = Region(row["cc"], row["code"], row["name"], aliases, seat, row["seat"], point or seat,
                        polygon)
        idx = len(gaz.regions)
        gaz.regions.append(region)
        names[(row["cc"], row["code"])] = row["name"]
        for alias in {region.name, *aliases}:
            gaz.region_by_key[normalise_key(alias)].append(idx)
    return names


def _load_countries(gaz: Gazetteer) -> None:
    extra: dict[str, tuple[list[str], list[str]]] = {}
    text = _data_file("countries_extra.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso, aliases, demonyms = ([*line.split("\t"), "", ""])[:3]
        extra[iso] = ([a for a in aliases.split("|") if a], [d for d in demonyms.split("|") if d])
    for row in _read_tsv_gz("countries.tsv.gz"):
        aliases, demonyms = extra.get(row["iso"], ([], []))
        point = (float(row["lat"]), float(row["lon"])) if row["lat"] else None
        polygon = shapely.from_wkb(bytes.fromhex(row["wkb"])) if row["wkb"] else None
        country = Country(row["iso"], row["name"], tuple(aliases), tuple(demonyms), point,
                          int(row["population"] or 0), polygon)
        gaz.countries[row["iso"]] = country
        for alias in (country.name, *aliases):
            gaz.country_by_key.setdefault(normalise_key(alias), row["iso"])
        for demonym in demonyms:
            gaz.demonym_by_key.setdefault(normalise_key(demonym), row["iso"])


def _add_curated(gaz: Gazetteer, rows: Iterator[dict[str, str]]) -> None:
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        admin1 = row["admin1"] or None
        if admin1 is None:
            region = gaz.region_at(lat, lon)
            admin1 = region.name if region is not None else None
        names = [row["name"], *(a for a in row["alternates"].split("|") if a)]
        keys = {normalise_key(n) for n in names}
        idx = gaz.add_place(row["id"], row["name"], lat, lon, row["cc"], admin1, row["kind"] or "place", 0,
                            keys)
        if row["kind"] != "populated place":
            gaz.facility_keys.update(keys)
        log.debug("curated place %s (%d)", row["id"], idx)


def load_gazetteer(user_places: str = "") -> Gazetteer:
    """Read every bundled table (and the user's TSV, if any); a few seconds, done once per process."""
    gaz = Gazetteer()
    gaz.descriptors = yaml.safe_load(_data_file("descriptors.yaml").read_text(encoding="utf-8"))
    region_names = _load_regions(gaz)
    _load_countries(gaz)
    gaz.finish()
    key_column = f"keys_v{KEY_VERSION}"
    for row in _read_tsv_gz("places.tsv.gz"):
        if key_column not in row:
            raise ConfigError("places.tsv.gz was built with another name key: "
                              "run python scripts/build_gazetteer.py")
        cc = row["cc"]
        gaz.add_place(f"gn:{row['geonameid']}", row["name"], float(row["lat"]), float(row["lon"]), cc,
                      region_names.get((cc, row["admin1code"])), "populated place",
                      int(row["population"] or 0), set(row[key_column].split("|")))
    for name in ("facilities.tsv", "places_extra.tsv"):
        _add_curated(gaz, _read_curated(_data_file(name).read_text(encoding="utf-8"), name))
    if user_places:
        path = Path(user_places)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"user_places {path}: cannot read ({exc})") from exc
        _add_curated(gaz, _read_curated(text, str(path)))
    log.info("gazetteer: %d places, %d regions, %d countries", len(gaz), len(gaz.regions), len(gaz.countries))
    return gaz


_CACHE: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def cached_gazetteer(user_places: str = "") -> Gazetteer:
    """One gazetteer per process (per user_places file): a second Geocoder costs nothing."""
    with _LOCK:
        if user_places not in _CACHE:
            _CACHE[user_places] = load_gazetteer(user_places)
        return _CACHE[user_places]
