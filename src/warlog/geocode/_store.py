"""The curated gazetteer tables (facilities, localities, areas) and the user's own: one TSV format.

Shared by ``scripts/build_gazetteer.py``, which bakes the bundled tables into the SQLite file, and
by the geocoder, which reads a user's ``user_places`` file at run time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warlog.errors import ConfigError

__all__ = ["COLUMNS", "COORD_SCALE", "CURATED_BASE", "CURATED_FILES", "CuratedRow", "curated_digest",
           "read_curated"]

COLUMNS = ["id", "name", "alternates", "kind", "lat", "lon", "cc", "admin1", "source", "radius_km"]
# Baked into gazetteer.sqlite in this order; their digest is stored there to catch a stale build.
CURATED_FILES = ("facilities.tsv", "localities.tsv", "areas.tsv")
# In gazetteer.sqlite: place ids from here up are curated rows (below: GeoNames ids);
# coordinates are integers in 1e-5 degrees (about a metre), half the size of floats.
CURATED_BASE = 1 << 40
COORD_SCALE = 100_000


@dataclass(frozen=True, slots=True)
class CuratedRow:
    id: str
    name: str
    alternates: tuple[str, ...]
    kind: str
    lat: float
    lon: float
    cc: str
    admin1: str | None
    radius_km: float | None


def read_curated(text: str, source: str) -> Iterator[CuratedRow]:
    """Rows of a curated TSV; a bad line is an error naming the file and line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 7:
            raise ConfigError(f"{source} line {number}: expected {len(COLUMNS)} tab-separated columns "
                              f"({', '.join(COLUMNS)}), got {len(cells)}")
        cells = [*cells, *[""] * (len(COLUMNS) - len(cells))][: len(COLUMNS)]
        row = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            radius = float(row["radius_km"]) if row["radius_km"] else None
        except ValueError as exc:
            raise ConfigError(f"{source} line {number}: lat, lon and radius_km must be numbers "
                              f"({exc})") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ConfigError(f"{source} line {number}: ({lat}, {lon}) is not a coordinate")
        if not row["id"] or not row["name"] or len(row["cc"]) != 2:
            raise ConfigError(f"{source} line {number}: id, name and a two-letter cc are required")
        alternates = tuple(a.strip() for a in row["alternates"].split("|") if a.strip())
        yield CuratedRow(row["id"], row["name"], alternates, row["kind"] or "place", lat, lon,
                         row["cc"].upper(), row["admin1"] or None, radius)


def curated_digest(directory: Path) -> str:
    """A fingerprint of the bundled curated tables, to tell whether the SQLite file is up to date."""
    digest = hashlib.sha256()
    for name in CURATED_FILES:
        digest.update(name.encode())
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:16]
