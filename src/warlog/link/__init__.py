"""Cross-source linking: which reports, from different articles, are one real-world event.

The store calls ``link_reports(view, reports, article)`` inside its per-article transaction;
linking only reads candidates through the ``LinkView`` and writes its decisions back.

Order and ids, honestly stated:

* the pairwise decision looks at two reports only, and a report joins an event only when it
  links with every member; so when the reports form well-separated groups (each pair inside a
  group links, no pair across groups does) every arrival order gives the same grouping;
* ids never change and events are never merged; when a late report would bridge two events it
  joins the better-scoring one, so in such chains the grouping can depend on arrival order;
* an event's id is a hash of its founding report's type, province, place and dates: reports of
  one event that agree on those give the same id in any order; when they differ (one outlet says
  'the province', another names the town) the id is that of whichever arrived first.
"""

from warlog.link.blocking import event_block_key, lookup_keys, report_range
from warlog.link.linker import event_id_for, link_reports
from warlog.link.merge import build_event
from warlog.link.rules import LinkRules, load_rules
from warlog.link.scoring import pair_score
from warlog.link.sources import independent_source_groups
from warlog.link.view import LinkView, MemoryLinkView

__all__ = [
    "LinkRules",
    "LinkView",
    "MemoryLinkView",
    "build_event",
    "event_block_key",
    "event_id_for",
    "independent_source_groups",
    "link_reports",
    "load_rules",
    "lookup_keys",
    "pair_score",
    "report_range",
]
