"""A cache for functions of a whole document's text, keyed by the string object itself rather than its value."""
from __future__ import annotations

from collections import OrderedDict
from functools import wraps


def cache_by_identity(maxsize: int):
    """Remember f(text) for the last `maxsize` text objects. functools.lru_cache would compare an equal text parsed
    before (another string object of the same plan) character by character on every call, which made a second
    parse of a long plan quadratic; an object seen before is found by its id, and its entry holds it, so the id
    cannot be reused while the entry lives."""
    def decorate(f):
        entries: OrderedDict[int, tuple[str, object]] = OrderedDict()

        @wraps(f)
        def cached(text: str):
            hit = entries.get(id(text))
            if hit is not None and hit[0] is text:
                entries.move_to_end(id(text))
                return hit[1]
            value = f(text)
            entries[id(text)] = (text, value)
            if len(entries) > maxsize:
                entries.popitem(last=False)
            return value

        cached.cache_clear = entries.clear
        return cached
    return decorate
