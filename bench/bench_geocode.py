"""Print gazetteer load time and memory, then lookups per second (cold and cached).

Usage: python bench/bench_geocode.py [--n 20000]
"""

from __future__ import annotations

import argparse
import resource
import time

from warlog.geocode import Geocoder
from warlog.geocode._gazetteer import load_gazetteer
from warlog.settings import Settings

_NAMES = ["al-Bukamal", "Abu Kamal", "Deir Ezzor", "Hasakah", "al-Mayadeen", "Koniko gas field", "al-Tanf",
          "Tripoli", "Idlib province", "eastern Homs countryside", "30 km east of Palmyra", "Aleppo airport",
          "Raqqa", "Damascus", "Erbil", "al-Qaim", "Mosul", "Kirkuk", "Tafas", "Jarablus"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    load_gazetteer()
    load_s = time.perf_counter() - t0
    rss_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"gazetteer load: {load_s:.2f} s, +{rss_mb:.0f} MB peak RSS")
    geocoder = Geocoder(Settings())
    context = "Strikes hit eastern Syria near the Iraqi border."
    t0 = time.perf_counter()
    cold = 0
    for name in _NAMES:
        geocoder._lookup_uncached(name, context)
        cold += 1
    cold_rate = cold / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(args.n):
        geocoder.lookup(_NAMES[i % len(_NAMES)], context)
    rate = args.n / (time.perf_counter() - t0)
    print(f"uncached lookups: {cold_rate:,.0f}/s; cached lookups: {rate:,.0f}/s (goal 20,000/s)")


if __name__ == "__main__":
    main()
