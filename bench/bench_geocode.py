"""Print gazetteer open time and memory, then lookups per second (first pass, uncached, cached).

"first pass" pays every cold cost (name keys read from SQLite, polygons parsed); "uncached"
resolves each phrase again without the result cache (the article context is built once);
"context" is how many articles per second get their context (countries, provinces, towns).

Usage: python bench/bench_geocode.py [--n 20000]
"""

from __future__ import annotations

import argparse
import resource
import time

from warlog.geocode import Geocoder
from warlog.geocode._context import build_context
from warlog.geocode._gazetteer import load_gazetteer
from warlog.settings import Settings

_NAMES = ["al-Bukamal", "Abu Kamal", "Deir Ezzor", "Hasakah", "al-Mayadeen", "Koniko gas field", "al-Tanf",
          "Tripoli", "Idlib province", "eastern Homs countryside", "30 km east of Palmyra", "Aleppo airport",
          "Raqqa", "Damascus", "Erbil", "al-Qaim", "Mosul", "Kirkuk", "Tafas", "Jarablus", "Ghab plain",
          "US base in Jordan", "north-west of Hama", "villages around Manbij", "Salmiya", "Tell Tamer"]
_CONTEXT = ("Strikes hit eastern Syria near the Iraqi border on Monday, a monitor in Britain said. Jets "
            "struck positions near al-Mayadin and Hajin in Deir ez-Zor province, while drones targeted a "
            "base in Iraq.")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    load_s = time.perf_counter() - t0
    rss_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"gazetteer open: {load_s:.3f} s, +{rss_mb:.0f} MB peak RSS")
    geocoder = Geocoder(Settings())
    t0 = time.perf_counter()
    for name in _NAMES:
        geocoder._lookup_uncached(name, _CONTEXT)
    first = len(_NAMES) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(args.n):
        geocoder._lookup_uncached(_NAMES[i % len(_NAMES)], _CONTEXT)
    uncached = args.n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(args.n):
        geocoder.lookup(_NAMES[i % len(_NAMES)], _CONTEXT)
    cached = args.n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(200):
        build_context(gaz, _CONTEXT)
    contexts = 200 / (time.perf_counter() - t0)
    rss_total = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"lookups/s: first pass {first:,.0f}; uncached {uncached:,.0f} (goal 20,000); cached {cached:,.0f}")
    print(f"article contexts/s: {contexts:,.0f}; peak RSS after the run +{rss_total:.0f} MB")


if __name__ == "__main__":
    main()
