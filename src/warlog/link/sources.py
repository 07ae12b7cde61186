"""Independent sources: syndicated copies of one wire story are one source, not several.

Articles are near-duplicates when most word shingles of the shorter text appear in the longer
one (MinHash estimate, so a trimmed or re-headlined copy still counts as a copy). Signatures are
cached per content hash, since an event's articles are compared again each time it grows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from warlog.link.rules import LinkRules
from warlog.models import Article

__all__ = ["containment", "independent_source_groups", "signature"]

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _empty(num_perm: int, seed: int) -> MinHash:
    """MinHash's random permutations cost more than hashing a short text: draw them once, then copy."""
    return MinHash(num_perm=num_perm, seed=seed)


@lru_cache(maxsize=8192)
def _signature(content_hash: str, text: str, words: int, num_perm: int, seed: int) -> tuple[MinHash, int]:
    tokens = _WORD.findall(text.casefold())
    shingles = {" ".join(tokens[i : i + words]) for i in range(max(1, len(tokens) - words + 1))}
    minhash = _empty(num_perm, seed).copy()
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash, len(shingles)


def signature(article: Article, rules: LinkRules) -> tuple[MinHash, int]:
    """MinHash of the article's word shingles and how many distinct shingles it has."""
    return _signature(
        article.content_hash, article.text, rules.shingle_words, rules.num_perm, rules.minhash_seed
    )


def containment(a: Article, b: Article, rules: LinkRules) -> float:
    """Estimated share of the shorter article's shingles that the other one also has."""
    (ma, na), (mb, nb) = signature(a, rules), signature(b, rules)
    if not np.any(ma.hashvalues != mb.hashvalues):
        return 1.0
    jaccard = ma.jaccard(mb)
    shared = jaccard * (na + nb) / (1.0 + jaccard)
    return min(1.0, shared / max(1, min(na, nb)))


def _one_source(a: Article, b: Article, rules: LinkRules) -> bool:
    if (
        rules.same_outlet_is_one_source
        and a.outlet
        and b.outlet
        and a.outlet.casefold() == b.outlet.casefold()
    ):
        return True
    return a.content_hash == b.content_hash or containment(a, b, rules) >= rules.containment


def independent_source_groups(articles: Sequence[Article], rules: LinkRules) -> list[list[str]]:
    """Article ids grouped so that copies of one story (and, by rule, one outlet) share a group."""
    ordered = sorted(articles, key=lambda a: a.id)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            same_outlet = (
                rules.same_outlet_is_one_source
                and a.outlet
                and a.outlet.casefold() == (b.outlet or "").casefold()
            )
            if (
                same_outlet
                or a.content_hash == b.content_hash
                or containment(a, b, rules) >= rules.containment
            ):
                parent[find(j)] = find(i)
    groups: dict[int, list[str]] = {}
    for i, article in enumerate(ordered):
        groups.setdefault(find(i), []).append(article.id)
    return sorted(groups.values())
