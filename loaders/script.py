"""The text as the rules read it: Traditional folded to Simplified with OpenCC, emphasis and bullets blanked, offsets
kept."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

from loaders.identity_cache import cache_by_identity

# a phrase conversion that changes length (rare: 乾隆 stays, but some idioms do) is redone per line, then per
# character, so offsets found in the folded text are offsets in the original
_CONVERTER = opencc.OpenCC("t2s")


def _index() -> tuple[re.Pattern, re.Pattern]:
    """What t2s can change (tools/opencc_index.py writes it from OpenCC's dictionaries): a character it converts
    alone, or any character outside the BMP; and a phrase made only of characters it leaves alone (回覆)."""
    lines = (Path(__file__).parent / "data" / "opencc_t2s_index.txt").read_text(encoding="utf-8").splitlines()
    chars, phrases = lines[1], [p for p in lines[2:] if p]
    # two patterns: one class of BMP characters is a bitmap lookup per character, a class with astral characters
    # in it is a list scanned per character (300 times slower)
    return (re.compile("[" + re.escape(chars) + "\U00010000-\U0010FFFF]"),
            re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) or "(?!)"))


_CHANGES, _PHRASES = _index()


def may_change(text: str) -> bool:
    """Whether t2s could change `text`: most plans are Simplified, and most of what the rules fold is already
    folded (a line of the reading view); a scan of the index costs a tenth of a call to OpenCC."""
    return not text.isascii() and bool(_CHANGES.search(text) or _PHRASES.search(text))
# a document's whole text is folded a few times per parse, its unit names and clauses thousands of times across a
# load: two caches, so the many short strings never evict the few long ones (each conversion costs a call to OpenCC)
_SHORT = 256


def _cached_by_length(f):
    """f with two caches: many short strings (unit names, clauses) by value, a few whole documents by identity."""
    short, long = lru_cache(maxsize=16384)(f), cache_by_identity(16)(f)

    def cached(text: str) -> str:
        return short(text) if len(text) <= _SHORT else long(text)

    def clear() -> None:
        short.cache_clear()
        long.cache_clear()

    cached.cache_clear = clear
    return cached


def _fold(text: str) -> str:
    if not may_change(text):
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


# bullet symbols set items and labels off (★责任单位:X, ◆牵头单位:X ◆配合单位:Y); no rule reads them (○ stays: 二○二四年)
_BULLETS = re.compile("[★☆◆◇●■□▲△▶►◎•]")


def _view(text: str) -> str:
    out = fold(text)
    if "*" in out or "<" in out or "_" in out:
        out = _EMPHASIS.sub(lambda m: " " * len(m.group()), out)
    if not out.isascii() and _BULLETS.search(out):
        out = _BULLETS.sub(" ", out)
    return out


# `text` in Simplified characters, same length; units are still read as written from the original
fold = _cached_by_length(_fold)
# the text as the rules read it: folded to Simplified, emphasis markup and bullets blanked to spaces; same length
reading_view = _cached_by_length(_view)
