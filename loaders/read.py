"""Bytes to normalised text, keeping a map from every normalised character back to the original."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from loaders.errors import EmptyDocument, NotText, UndecodableText

MAX_BYTES = 50 * 1024 * 1024

# BOMs first: a UTF-16 file without one is rare in practice and undetectable by strict decoding.
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM begins with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


@dataclass
class Text:
    """A document's text: `raw` as decoded, `text` NFKC-normalised, `offsets[i]` = raw index of text[i]."""

    path: str
    raw: str
    text: str
    offsets: list[int] | None = field(repr=False)  # None: the identity
    encoding: str = "utf-8"
    format: str = "txt"

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text that the normalised span [start, end) came from."""
        if self.offsets is None:  # normalising changed no length: offsets are the identity
            return min(start, len(self.raw)), min(end, len(self.raw))
        if start >= len(self.offsets):
            return len(self.raw), len(self.raw)
        raw_end = self.offsets[end] if end < len(self.offsets) else len(self.raw)
        return self.offsets[start], raw_end


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode policy text: BOM, then strict UTF-8, then strict GB18030 (a superset of GBK)."""
    if not data.strip():
        raise EmptyDocument(f"{path}: the file is empty; give a document that contains the plan's text.")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"{path}: starts with a {enc} byte-order mark but is not valid {enc} "
                                      f"(byte {exc.start}); re-save it as UTF-8.") from exc
    if b"\x00" in data[:4096]:
        if _looks_wide(data):
            raise UndecodableText(f"{path}: looks like UTF-16 or UTF-32 text without a byte-order mark; tried "
                                  f"{_TRIED}. Re-save it as UTF-8 (for example: iconv -f UTF-16LE -t UTF-8).")
        raise NotText(f"{path}: looks like a binary file, not text; give a .txt/.md/.html/.docx/.pdf document.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_gb(text):
        return text, "gb18030"
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        big5 = None
    if big5 is not None and _plausible_big5(big5):
        return big5, "big5"
    if text is not None and big5 is None and not _cjk(text):
        return text, "gb18030"  # no Chinese to judge by (Latin text in a legacy code page): as GB18030 read it
    raise UndecodableText(f"{path}: cannot be decoded with confidence; tried {_TRIED}. Re-save it as UTF-8 "
                          "(for example: iconv -f <encoding> -t UTF-8).")


_TRIED = "UTF-8, UTF-16 and UTF-32 (with a byte-order mark), GB18030/GBK, Big5"
_CJK_RANGE = range(0x4E00, 0xA000)


def _cjk(text: str) -> list[str]:
    return [c for c in text if ord(c) in _CJK_RANGE]


def _share(chars: list[str], test) -> float:
    return sum(1 for c in chars if test(c)) / len(chars) if chars else 1.0


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _common_big5(c: str) -> bool:
    """Big5's frequently used characters (lead bytes 0xA4-0xC6); the rest of Big5 is rare in prose."""
    try:
        return 0xA4 <= c.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _plausible_gb(text: str) -> bool:
    """GB18030 decodes almost any byte pairs, Big5 included; real GBK prose is nearly all GB2312 characters,
    Big5 read as GBK about half (its second bytes 0x40-0x7E land outside GB2312)."""
    chars = _cjk(text[:20000])
    return len(chars) < 20 or _share(chars, _in_gb2312) >= 0.8


def _plausible_big5(text: str) -> bool:
    chars = _cjk(text[:20000])
    return len(chars) >= 20 and _share(chars, _common_big5) >= 0.8


def _looks_wide(data: bytes) -> bool:
    """Text in UTF-16/32 without a BOM: zero bytes at regular places (every 2nd or 4th byte)."""
    head = data[:4096]
    zeros = head.count(0)
    return len(head) >= 16 and zeros * 4 >= len(head) and \
        any(head[i::step].count(0) * step >= len(head) * 0.9 for step in (2, 4) for i in range(step))


# full-width ASCII, ideographic and no-break spaces, tabs: one character to one, so offsets need no map
_ONE_TO_ONE = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20, 0xA0: 0x20, 0x09: 0x20}
_ONE_TO_ONE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _ONE_TO_ONE) + "]")


def _map_one_to_one(raw: str) -> str:
    """raw.translate(_ONE_TO_ONE), 15 times faster: translate looks every character up in the table, while a plan
    holds only a dozen of the table's characters (，（）：；), each replaced in one pass of str.replace (the results
    are ASCII, which the table does not map again)."""
    for ch in set(_ONE_TO_ONE_RE.findall(raw)):
        raw = raw.replace(ch, chr(_ONE_TO_ONE[ord(ch)]))
    return raw


# tabs between the cells of a line (a table copied from a word processor or a page: 序号<TAB>任务<TAB>牵头单位)
_INNER_TABS = re.compile(r"(?<=[^\s])\t+(?=[^\n]*[^\s])")


def _tab_cells(raw: str) -> str:
    """Tabs that set off three or more cells on a line written as '|' (the first of a run; the rest as spaces), so
    the line reads as a table row; other tabs stay whitespace. One character to one, so offsets are kept."""
    if "\t" not in raw:
        return raw
    lines = raw.split("\n")
    for k, line in enumerate(lines):
        if line.count("\t") >= 2 and len(_INNER_TABS.findall(line)) >= 2:
            lines[k] = _INNER_TABS.sub(lambda m: "|" + " " * (len(m.group()) - 1), line)
    return "\n".join(lines)


# a printed page's number on a line of its own, as a PDF or a scan copied to text keeps it between the lines of a
# task (— 3 —, - 12 -, 第3页 共10页): blanked, one character to one, so a marker broken over the page reads whole
_PAGE_NUMBER_LINE = re.compile(r"^[ \t\u3000]*(?:[-—–－─]{1,2}[ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–－─]{1,2}"
                               r"|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[/,，]?[ \t\u3000]*共[ \t\u3000]*\d{1,4}"
                               r"[ \t\u3000]*页)?)[ \t\u3000\r]*$", re.M)


def _blank_page_numbers(raw: str) -> str:
    if "页" not in raw and "-" not in raw and "—" not in raw and "－" not in raw and "–" not in raw and "─" not in raw:
        return raw
    return _PAGE_NUMBER_LINE.sub(lambda m: " " * len(m.group()), raw)


_CIRCLED = frozenset(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳


def normalise(raw: str) -> tuple[str, list[int] | None]:
    """NFKC plus line-ending and space clean-up; returns the text and the raw offset of each character (None when
    every character kept its place, the common case)."""
    raw = _blank_page_numbers(_tab_cells(raw))
    if "\r" not in raw and "\u200b" not in raw and "\ufeff" not in raw:
        fast = _map_one_to_one(raw)  # an unchanged text is the raw string itself: one copy in memory and pickles
        if unicodedata.is_normalized("NFKC", fast) or _normalised_but_circled(fast):
            return fast, None
    return _normalise_slow(raw)


def _normalised_but_circled(text: str) -> bool:
    """The text is NFKC-normalised but for circled numbers, which normalise() keeps."""
    return not _CIRCLED.isdisjoint(text) and unicodedata.is_normalized(
        "NFKC", text.translate({ord(c): "1" for c in _CIRCLED}))


def _normalise_slow(raw: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "\r":
            if i + 1 < n and raw[i + 1] == "\n":
                i += 1
            ch = "\n"
        # a base character and its combining marks normalise together
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        chunk = ch if j == i + 1 else ch + raw[i + 1:j]
        # circled numbers (① ②) stay: NFKC would make them bare digits that run into the item's text (1完善…)
        norm = chunk if chunk.isascii() or chunk in _CIRCLED else unicodedata.normalize("NFKC", chunk)
        for c in norm:
            if c in "\t\u00a0\u200b\ufeff":
                c = " " if c != "\u200b" and c != "\ufeff" else ""
            if c:
                out.append(c)
                offsets.append(i)
        i = j
    return "".join(out), offsets


def read_text(data: bytes, path: str = "<bytes>", fmt: str = "txt") -> Text:
    raw, enc = decode_bytes(data, path)
    text, offsets = normalise(raw)
    if not text.strip():
        raise EmptyDocument(f"{path}: contains no text; give a document that contains the plan's text.")
    return Text(path=path, raw=raw, text=text, offsets=offsets, encoding=enc, format=fmt)

