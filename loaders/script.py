"""The text as the rules read it: Traditional folded to Simplified with OpenCC, emphasis blanked, offsets kept."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

from loaders.identity_cache import cache_by_identity

# a phrase conversion that changes length (rare: 乾隆 stays, but some idioms do) is redone per line, then per
# character, so offsets found in the folded text are offsets in the original
_CONVERTER = opencc.OpenCC("t2s")
# a document's whole text is folded a few times per parse, its unit names and clauses thousands of times across a
# load: two caches, so the many short strings never evict the few long ones (each conversion costs a call to OpenCC)
_SHORT = 256


def fold(text: str) -> str:
    """`text` in Simplified characters, same length; units are still read as written from the original."""
    return _fold_short(text) if len(text) <= _SHORT else _fold_long(text)


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


@cache_by_identity(16)
def _fold_long(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text
    out = _CONVERTER.convert(text)
    if len(out) == len(text):
        return out
    return "\n".join(_fold_segment(line) for line in text.split("\n"))


def _fold_segment(segment: str) -> str:
    out = _CONVERTER.convert(segment)
    if len(out) == len(segment):
        return out
    return "".join(c if len(f := _CONVERTER.convert(c)) != 1 else f for c in segment)


# emphasis markup left in text from HTML or markdown (**一、…**, <b>…</b>) says nothing about structure or duties
_EMPHASIS = re.compile(r"\*\*|__|</?(?:b|strong|em|i|u)\s*>", re.I)


def reading_view(text: str) -> str:
    """The text as the rules read it: folded to Simplified, emphasis markup blanked to spaces; same length."""
    return _view_short(text) if len(text) <= _SHORT else _view_long(text)


@lru_cache(maxsize=16384)
def _view_short(text: str) -> str:
    return _view(text)


@cache_by_identity(16)
def _view_long(text: str) -> str:
    return _view(text)


def _view(text: str) -> str:
    out = fold(text)
    if "*" in out or "<" in out or "_" in out:
        out = _EMPHASIS.sub(lambda m: " " * len(m.group()), out)
    return out
