"""Weapons named in a sentence, normalised through ``data/lexicons/weapons.yaml``."""

from __future__ import annotations

from warlog.extract.lexicons import lexicons

__all__ = ["find_weapons"]


def find_weapons(text: str) -> list[tuple[str, int, int]]:
    """(weapon, start, end) for every weapon word in ``text``, in text order (one scan)."""
    lex = lexicons()
    return [(lex.weapon_names[row], start, end) for row, start, end in lex.weapon_scanner.scan(text)]
