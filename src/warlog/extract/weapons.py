"""Weapons named in a sentence, normalised through ``data/lexicons/weapons.yaml``."""

from __future__ import annotations

from warlog.extract.lexicons import lexicons

__all__ = ["find_weapons"]


def find_weapons(text: str) -> list[tuple[str, int, int]]:
    """(weapon, start, end) for every weapon word in ``text``, in text order."""
    found = [(name, m.start(), m.end()) for name, regex in lexicons().weapons for m in regex.finditer(text)]
    return sorted(found, key=lambda w: w[1])
