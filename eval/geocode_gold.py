"""Score the geocoder on every place name the gold events give, with the article as context.

Reads ../shared (gold and corpus); skips cleanly when it is absent. Prints the share of names that
land within the event's tolerance_km and the share given one of the gold admin1 aliases, then each
failure. Country names ("Jordan") are counted apart: a country cannot carry a province.

Usage: python eval/geocode_gold.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from warlog.geocode import Geocoder
from warlog.geocode._relative import haversine_km
from warlog.settings import Settings


def _articles(shared: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(shared.glob("corpus/*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                texts[rec["id"]] = f"{rec.get('title') or ''}\n{rec['text']}"
    return texts


def _norm(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = parser.parse_args(argv)
    golds = sorted(args.shared.glob("gold/*.gold.json"))
    if not golds:
        print(f"skipped: no gold files under {args.shared}")
        return 0
    texts = _articles(args.shared)
    geocoder = Geocoder(Settings())
    n = near = admin = countries = 0
    failures: list[str] = []
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for art in gold["articles"]:
            context = texts.get(art["article_id"], "")
            for event in art["events"] + art.get("optional_events", []):
                loc = event["location"]
                aliases = {_norm(a) for a in loc["admin1"]}
                for name in loc["names"]:
                    result = geocoder.lookup(name, context)
                    place = result.place
                    if place is not None and place.kind == "country":
                        countries += 1
                        continue
                    n += 1
                    dist = None
                    if place is not None and place.latitude is not None and place.longitude is not None:
                        dist = haversine_km(place.latitude, place.longitude, loc["lat"], loc["lon"])
                    ok_near = dist is not None and dist <= loc["tolerance_km"]
                    ok_admin = bool(place and place.admin1 and _norm(place.admin1) in aliases)
                    near += ok_near
                    admin += ok_admin
                    if not (ok_near and ok_admin):
                        got = (f"{place.location} {place.admin1} ({place.latitude},{place.longitude}) "
                               f"{dist:.0f} km" if place and dist is not None else "nothing")
                        failures.append(f"{event['id']} '{name}': got {got}; want within "
                                        f"{loc['tolerance_km']} km, admin1 {loc['admin1'][0]} | {result.why}")
    print(f"names: {n} (+{countries} country names left out)")
    print(f"within tolerance: {near}/{n} = {near / max(n, 1):.1%}")
    print(f"gold admin1:      {admin}/{n} = {admin / max(n, 1):.1%}")
    for line in failures:
        print("FAIL", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
