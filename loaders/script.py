"""The text as the rules read it: Traditional folded to Simplified with OpenCC, emphasis blanked, offsets kept."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

# a phrase conversion that changes length (rare: 乾隆 stays, but some idioms do) is redone per line, then per
# character, so offsets found in the folded text are offsets in the original
_CONVERTER = opencc.OpenCC("t2s")


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """`text` in Simplified characters, same length; units are still read as written from the original."""
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


@lru_cache(maxsize=64)
def reading_view(text: str) -> str:
    """The text as the rules read it: folded to Simplified, emphasis markup blanked to spaces; same length."""
    out = fold(text)
    if "*" in out or "<" in out or "_" in out:
        out = _EMPHASIS.sub(lambda m: " " * len(m.group()), out)
    return out
