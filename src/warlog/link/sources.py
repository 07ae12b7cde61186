"""Independent sources: syndicated copies of one wire story are one source, not several.

Articles are near-duplicates when most word shingles of the shorter text appear in the longer
one (MinHash estimate, so a trimmed or re-headlined copy still counts as a copy). Signatures are
cached per content hash; ``SourceIndex`` keeps an event's articles as one signature matrix, so a
joining article is compared with every member in one vectorised step and the groups grow
incrementally (union of connected components, so any arrival order gives the same groups).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from warlog.link.rules import LinkRules
from warlog.models import Article

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = ["SourceIndex", "containment", "independent_source_groups", "signature"]

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _empty(num_perm: int, seed: int) -> MinHash:
    """MinHash's random permutations cost more than hashing a short text: draw them once, then copy."""
    from datasketch import MinHash  # half a second of imports (scipy): only once a copy must be told

    return MinHash(num_perm=num_perm, seed=seed)


@lru_cache(maxsize=16384)
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


def _containments(
    row: npt.NDArray[np.uint64], n_row: int, matrix: npt.NDArray[np.uint64], sizes: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """``containment`` of one signature against many, with the same float operations in order."""
    equal = np.count_nonzero(matrix == row, axis=1)
    jaccard = equal.astype(np.float64) / float(matrix.shape[1])
    shared = jaccard * (sizes + n_row).astype(np.float64) / (1.0 + jaccard)
    result = np.minimum(1.0, shared / np.maximum(1, np.minimum(sizes, n_row)).astype(np.float64))
    result[equal == matrix.shape[1]] = 1.0
    return result


def _signed(article: Article, rules: LinkRules) -> tuple[npt.NDArray[np.uint64], int]:
    minhash, size = signature(article, rules)
    return minhash.hashvalues.astype(np.uint64), size


@dataclass(frozen=True)
class SourceIndex:
    """An event's articles with their source groups (component labels) and, once needed, signatures.

    A signature is drawn only when an article must be compared with another outlet's text (most
    events have one article, or copies from one outlet); until then the article itself is kept.
    Immutable: ``with_article`` returns a new index, so a cached one is never changed by a
    transaction that may still roll back.
    """

    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]  # casefolded when one outlet is one source, else ""
    hashes: tuple[str, ...]
    labels: tuple[int, ...]
    matrix: npt.NDArray[np.uint64]  # one signature per article; zeros while unsigned
    sizes: npt.NDArray[np.int64]  # distinct shingles per article; 0 while unsigned
    unsigned: Mapping[int, Article]  # position -> article not signed yet

    @classmethod
    def empty(cls, rules: LinkRules) -> SourceIndex:
        matrix = np.empty((0, rules.num_perm), dtype=np.uint64)
        return cls((), (), (), (), matrix, np.empty(0, np.int64), {})

    @classmethod
    def of(cls, articles: Iterable[Article], rules: LinkRules) -> SourceIndex:
        index = cls.empty(rules)
        for article in sorted(articles, key=lambda a: a.id):
            index = index.with_article(article, rules)
        return index

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.article_ids

    def with_article(self, article: Article, rules: LinkRules) -> SourceIndex:
        """This index with one more article, joined to every group it is one source with."""
        if article.id in self.article_ids:
            return self
        outlet = (article.outlet or "").casefold() if rules.same_outlet_is_one_source else ""
        linked = {
            label
            for label, other_outlet, other_hash in zip(self.labels, self.outlets, self.hashes, strict=True)
            if (outlet and other_outlet == outlet) or other_hash == article.content_hash
        }
        # only articles of groups not joined yet need their texts compared with this one
        others = [i for i, label in enumerate(self.labels) if label not in linked]
        matrix, sizes, unsigned = self.matrix, self.sizes, dict(self.unsigned)
        position = len(self.labels)
        if others:
            row, size = _signed(article, rules)
            if any(i in unsigned for i in others):
                matrix, sizes = matrix.copy(), sizes.copy()
                for i in others:
                    if i in unsigned:
                        matrix[i], sizes[i] = _signed(unsigned.pop(i), rules)
            rows = np.asarray(others)
            near = _containments(row, size, matrix[rows], sizes[rows]) >= rules.containment
            linked.update(self.labels[i] for i in rows[near])
        else:
            row, size = np.zeros(rules.num_perm, dtype=np.uint64), 0
            unsigned[position] = article
        new_label = min(linked) if linked else position
        labels = tuple(new_label if label in linked else label for label in self.labels)
        return SourceIndex(
            (*self.article_ids, article.id),
            (*self.outlets, outlet),
            (*self.hashes, article.content_hash),
            (*labels, new_label),
            np.vstack([matrix, row[None, :]]),
            np.append(sizes, size),
            unsigned,
        )

    def groups(self) -> list[list[str]]:
        """Article ids grouped by source, each group sorted, groups sorted."""
        found: dict[int, list[str]] = {}
        for article_id, label in zip(self.article_ids, self.labels, strict=True):
            found.setdefault(label, []).append(article_id)
        return sorted(sorted(group) for group in found.values())


def independent_source_groups(articles: Sequence[Article], rules: LinkRules) -> list[list[str]]:
    """Article ids grouped so that copies of one story (and, by rule, one outlet) share a group."""
    return SourceIndex.of(articles, rules).groups()
