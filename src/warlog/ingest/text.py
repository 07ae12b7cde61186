"""Bytes to text, and the normal form an article's identity is computed from.

Decoding never guesses a legacy code page: a file that is not UTF-8 (or BOM'd
UTF-16) is refused with the byte offset, so the user can re-save it instead
of storing mojibake that would never deduplicate against the clean copy.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

__all__ = [
    "TextDecodeError",
    "content_hash",
    "declared_charset",
    "decode_bytes",
    "looks_binary",
    "normalise_for_hash",
]

_WHITESPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TEXT_BYTES = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0C, 0x0D}
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
_MAX_CONTROL_SHARE = 0.01
_MIN_TEXT_BYTE_SHARE = 0.7
_MAX_BINARY_CONTROL_BYTES = 0.03


class TextDecodeError(ValueError):
    """The bytes are not text warlog accepts; ``str(self)`` says why and where."""


def normalise_for_hash(text: str) -> str:
    """NFKC, whitespace collapsed, case-folded: what two copies of one article share."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text; the store dedups on it across runs."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def _utf16_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes in something that is not UTF-16, or mostly non-text bytes."""
    if not data or _utf16_encoding(data):
        return False
    if b"\x00" in data:
        return True
    sample = data[:8192]
    text_like = sum(1 for b in sample if b in _TEXT_BYTES or b >= 0x80)
    return text_like / len(sample) < _MIN_TEXT_BYTE_SHARE


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in _ALLOWED_CONTROLS
    )
    return bad / len(text)


def declared_charset(html: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, when Python knows that codec."""
    match = _META_CHARSET.search(html[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """UTF-8 (BOM optional), BOM'd UTF-16, or the encoding the document itself declares.

    Nothing is guessed: a page that says it is windows-1256 is read as such; an undeclared
    legacy encoding raises TextDecodeError naming the first bad byte.
    """
    if looks_binary(data):
        raise TextDecodeError("binary data, not text")
    encoding = _utf16_encoding(data) or (declared if declared and declared != "utf-8" else "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        sample = data[:8192]
        controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_BYTES) / len(sample)
        if controls > _MAX_BINARY_CONTROL_BYTES:  # random bytes; legacy code pages have almost none
            raise TextDecodeError("binary data, not text") from exc
        bad = data[exc.start : exc.start + 1].hex()
        raise TextDecodeError(
            f"not valid {encoding.replace('-sig', '').upper()} at byte {exc.start} (0x{bad}); "
            "re-save the file as UTF-8"
        ) from exc
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise TextDecodeError("binary data, not text (too many control characters)")
    return text
