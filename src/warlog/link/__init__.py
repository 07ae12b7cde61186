"""Cross-source linking: which reports, from different articles, are one real-world event.

The store calls ``link_reports(view, reports, article)`` inside its per-article transaction;
linking only reads candidates through the ``LinkView`` and writes its decisions back.

Order and ids, honestly stated:

* the pairwise decision looks at two reports only, and a report joins an event only when it
  links with every member (complete linkage); the events' fields (tolls, sources, history) are
  recomputed from the members, so the same members give the same event in any order;
* when a new report links with members of more than one event, or with only some members of
  one (a bridge), the touched events' members and the new reports are regrouped by one fixed,
  order-free rule (``warlog.link.recluster``: complete linkage visiting reports by anchor key).
  Reports may then move between those events, an event may split or two may fuse; an id that no
  longer names a group becomes an alias of the group holding its old anchor. The regrouping is
  local (only the touched events), so cost stays flat;
* what that guarantees: well-separated groups, and any neighbourhood the last bridging report
  touches in full, group the same in every arrival order. It is not a global clustering: a chain
  longer than one regrouping's reach (A-B-C where no single report touches all three) may still
  depend on order. ``eval/link_order.py`` measures it (20/20 orders identical on seed+dev);
* an event's id is a function of its member set: the hash of its anchor, the member with the
  smallest (publication day, article id, report id). The same members give the same id in any
  arrival order. When a report that sorts before the anchor joins (an older article ingested
  late) or a regrouping changes the anchor, the event's id changes and the old id becomes an
  alias: every id ever issued resolves to an event forever (``Store.get_event``,
  ``reports_of_event``, ``event_detail``, ``resolve_event_id``); a retired id given back to a regrouped
  event names it again.
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
