"""Cross-source linking: which reports, from different articles, are one real-world event.

The store calls ``link_reports(view, reports, article)`` inside its per-article transaction;
linking only reads candidates through the ``LinkView`` and writes its decisions back.

Order and ids, honestly stated:

* the pairwise decision looks at two reports only, and a report joins an event only when it
  links with every member; so when the reports form well-separated groups (each pair inside a
  group links, no pair across groups does) every arrival order gives the same grouping, and
  the events' fields (tolls, sources, history) are recomputed from the members, so they agree too;
* events are never merged or split and a report never moves: when a late report would bridge
  two events it joins the better-scoring one, so in such chains the grouping can depend on order;
* an event's id is a function of its member set: the hash of its anchor, the member with the
  smallest (publication day, article id, report id). The same members give the same id in any
  arrival order. When a report that sorts before the anchor joins (an older article ingested
  late), the event's id changes and the old id becomes an alias: every id ever issued resolves
  to its event forever (``Store.get_event``, ``reports_of_event``, ``event_detail``,
  ``resolve_event_id``). Ingested in publication order, an id is never renamed.
"""

from warlog.link.blocking import event_block_key, lookup_keys, report_range
from warlog.link.linker import anchor_key, canonical_event_id, event_id_for, link_reports
from warlog.link.merge import build_event
from warlog.link.rules import LinkRules, load_rules
from warlog.link.scoring import pair_score
from warlog.link.sources import independent_source_groups
from warlog.link.view import LinkView, MemoryLinkView

__all__ = [
    "LinkRules",
    "LinkView",
    "MemoryLinkView",
    "anchor_key",
    "build_event",
    "canonical_event_id",
    "event_block_key",
    "event_id_for",
    "independent_source_groups",
    "link_reports",
    "load_rules",
    "lookup_keys",
    "pair_score",
    "report_range",
]
