"""How linking cost per report grows with the number of stored reports (goal: near flat).

For each size N the script fills an in-memory LinkView with N already-linked synthetic reports
(1 to 4 articles per event, a few events per province-day, the time span growing with N as a
real archive does), then times ``link_reports`` for a sample of new articles: some report an
existing event, some a new one. It prints milliseconds per report and how many candidate
events blocking handed to the scorer: the cost must not follow N.

    python bench/bench_link.py                 # 10k, 100k, 1M
    python bench/bench_link.py --sizes 10000 --sample 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import random
import resource
import time
from collections.abc import Sequence

from warlog.link import MemoryLinkView, link_reports, load_rules
from warlog.link.blocking import event_block_key, place_key
from warlog.models import Article, Event, Place, Report

TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
]
N_PROVINCES = 60
EVENTS_PER_PROVINCE_DAY = 2.0
START = dt.date(2015, 1, 1)
WORDS = [f"w{i}" for i in range(5000)]


class CountingView(MemoryLinkView):
    """A MemoryLinkView whose archive is compact tuples, made into records only when linking reads them.

    A million pydantic reports, events and article texts took 7 GB; the tuples take a few hundred
    MB. It also counts the candidate events blocking hands out.
    """

    def __init__(self) -> None:
        super().__init__()
        self.handed = 0
        self.archive: dict[str, tuple[int, int, float, float, int, int, int]] = {}  # report id -> fields
        self.archive_events: dict[str, int] = {}  # event id -> kind

    def keep(self, report_id: str, fields: tuple[int, int, float, float, int, int, int]) -> None:
        self.archive[report_id] = fields

    def _report(self, report_id: str) -> Report:
        if report_id not in self.reports:
            kind, province, lat, lon, day, toll, _ = self.archive[report_id]
            place = _place(province, random.Random(0))
            place.latitude, place.longitude = lat, lon
            article_id = report_id.split("/")[0]
            rep = _report(report_id, article_id, kind, place, dt.date.fromordinal(day), toll)
            self.reports[report_id] = rep
        return self.reports[report_id]

    def events_in_blocks(self, keys: Sequence[str]) -> list[Event]:
        ids = sorted({e for key in keys for e in self.blocks.get(key, ())})
        found = []
        for event_id in ids:
            if event_id not in self.events:
                kind = self.archive_events[event_id]
                self.events[event_id] = Event(
                    event_id=event_id, event_type=TYPES[kind][0], sub_event_type=TYPES[kind][1],
                    report_ids=list(self.members[event_id]),
                )  # fmt: skip
            found.append(self.events[event_id])
        self.handed += len(found)
        return found

    def reports_of_event(self, event_id: str) -> list[Report]:
        reports = [self._report(r) for r in self.members.get(event_id, [])]
        for rep in reports:
            rep.event_id = event_id
        return reports

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        found = {}
        for article_id in ids:
            if article_id in self.article_store:
                found[article_id] = self.article_store[article_id]
            elif f"{article_id}/r1" in self.archive:
                published = dt.date.fromordinal(self.archive[f"{article_id}/r1"][6])
                found[article_id] = _article(article_id, published, random.Random(article_id))
        return found


def _article(article_id: str, day: dt.date, rng: random.Random) -> Article:
    text = " ".join(rng.choices(WORDS, k=120))
    return Article(
        id=article_id, outlet=f"o{rng.randrange(300)}", url=None, published=day,
        published_source="record", title=None, text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(), source_path=None, flags=[],
    )  # fmt: skip


def _place(province: int, rng: random.Random) -> Place:
    lat, lon = 30 + province * 0.2 + rng.uniform(0, 0.05), 36 + rng.uniform(0, 0.05)
    return Place(
        name=f"town{province}", country="Syria", admin1=f"prov{province}", admin2=None,
        location=f"town{province}", latitude=lat, longitude=lon, geo_precision=1, radius_km=None,
        gazetteer_id=None, kind=None, why=None,
    )  # fmt: skip


def _report(report_id: str, article_id: str, kind: int, place: Place, day: dt.date, toll: int) -> Report:
    event_type, sub = TYPES[kind]
    return Report(
        report_id=report_id, article_id=article_id, event_id=None, event_type=event_type, sub_event_type=sub,
        actor1=None, actor1_type=None, actor1_hedge=None, actor2=None, actor2_type=None, place_mentions=[],
        place=place, event_date=day, date_earliest=day, date_latest=day, time_precision=1, fatalities=toll,
        fatalities_high=None, wounded=None, weapons=[], evidence={}, source=None, notes=None,
        extractor="bench",
    )  # fmt: skip


def _fill(view: CountingView, n_reports: int, rng: random.Random) -> list[tuple[int, Place, dt.date, int]]:
    """Store n_reports already grouped into events, as linking would have left them."""
    rules = load_rules()
    per_day = int(N_PROVINCES * EVENTS_PER_PROVINCE_DAY * 2.5)  # ~2.5 reports per event
    n_days = max(1, n_reports // per_day)
    events: list[tuple[int, Place, dt.date, int]] = []
    made = 0
    while made < n_reports:
        e = len(events)
        kind, province = rng.randrange(len(TYPES)), rng.randrange(N_PROVINCES)
        day = START + dt.timedelta(days=rng.randrange(n_days))
        place = _place(province, rng)
        event_id = f"ev{e}"
        members = []
        for k in range(min(rng.randint(1, 4), n_reports - made)):
            published = day + dt.timedelta(days=k % 2)
            fields = (kind, province, place.latitude or 0.0, place.longitude or 0.0, day.toordinal(),
                      rng.randrange(20), published.toordinal())  # fmt: skip
            view.keep(f"a{e}-{k}/r1", fields)
            members.append(f"a{e}-{k}/r1")
            made += 1
        key = event_block_key(TYPES[kind][0], ("syria", f"prov{province}"), (day, day), rules)
        view.archive_events[event_id] = kind
        view.members[event_id] = members
        view.block_of[event_id] = key
        view.blocks.setdefault(key, set()).add(event_id)
        events.append((kind, place, day, e))
    assert place_key(_report("x/r1", "x", 0, _place(0, rng), START, 0)) == ("syria", "prov0")
    return events


def bench(n_reports: int, sample: int, seed: int) -> tuple[float, float, float, int]:
    rng = random.Random(seed)
    view = CountingView()
    started = time.perf_counter()
    gc.disable()  # millions of long-lived records: keep the collector from rescanning them
    try:
        events = _fill(view, n_reports, rng)
    finally:
        gc.freeze()
        gc.enable()
    fill_s = time.perf_counter() - started
    arts = []
    for i in range(sample):
        if rng.random() < 0.5:  # another outlet reports a stored event
            kind, place, day, _ = rng.choice(events)
        else:  # a new event somewhere in the archive
            kind, place, day = (
                rng.randrange(len(TYPES)),
                _place(rng.randrange(N_PROVINCES), rng),
                rng.choice(events)[2],
            )
        art = _article(f"new{i}", day, rng)
        arts.append((art, [_report(f"new{i}/r1", art.id, kind, place, day, rng.randrange(20))]))
    view.handed = 0
    started = time.perf_counter()
    for art, reps in arts:
        view.add_article(art, reps)
        link_reports(view, reps, art)
    per_report_ms = (time.perf_counter() - started) * 1000 / sample
    joined = sum(len(view.members[reps[0].event_id or ""]) > 1 for _, reps in arts)
    view_handed = view.handed / sample
    del view, events
    gc.unfreeze()
    gc.collect()
    return per_report_ms, view_handed, fill_s, joined


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="stored reports, comma-separated")
    parser.add_argument("--sample", type=int, default=2000, help="new articles timed per size")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    header = ("stored reports", "ms/report", "candidates/report", "joined", "fill s", "max RSS MB")
    print("{:>15} {:>10} {:>18} {:>8} {:>8} {:>11}".format(*header))
    for size in (int(s) for s in args.sizes.split(",")):
        ms, cands, fill_s, joined = bench(size, args.sample, args.seed)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>15,} {ms:>10.3f} {cands:>18.2f} {joined:>8} {fill_s:>8.1f} {rss:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
