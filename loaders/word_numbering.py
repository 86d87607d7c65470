"""The numbers Word draws in front of list paragraphs (一、 (一) 1.) but does not store in their text: read from the
document's numbering part, so a plan numbered by Word's lists keeps its structure when read as text."""
from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's counter in Word's number format (numFmt): decimal 3, chineseCounting 三, ideographTraditional 丙."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "japaneseCounting"):
        return _chinese(n)
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n).lower() if fmt == "lowerLetter" else _letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth and the rest: the digits read the same after NFKC


def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(_W + tag) if el is not None else None
    return child.get(_W + "val", default) if child is not None else default


class ListNumbers:
    """Call with a paragraph's XML element, in document order: the label Word shows before it ("一、", "(二)",
    "3."), or "" for a paragraph outside a numbered list."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, numFmt, lvlText)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}
        try:
            self._read(document)
        except (KeyError, NotImplementedError, AttributeError, ValueError, TypeError):
            self.levels = {}  # a numbering part that cannot be read: the paragraphs keep their text, unnumbered

    def _read(self, document) -> None:
        numbering = document.part.numbering_part.element
        abstract = {}
        for a in numbering.findall(_W + "abstractNum"):
            abstract[a.get(_W + "abstractNumId")] = {
                int(lvl.get(_W + "ilvl", "0")): (int(_val(lvl, "start", "1") or 1), _val(lvl, "numFmt", "decimal"),
                                                 _val(lvl, "lvlText", "") or "")
                for lvl in a.findall(_W + "lvl")}
        for num in numbering.findall(_W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            for override in num.findall(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start), *levels[ilvl][1:])
            self.levels[num.get(_W + "numId")] = levels
        for style in document.styles.element.findall(_W + "style"):
            ppr = style.find(_W + "pPr")
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None:
                ilvl = _val(numpr, "ilvl")
                self.style_numbering[style.get(_W + "styleId")] = (_val(numpr, "numId"),
                                                                    int(ilvl) if ilvl is not None else None)

    def __call__(self, p) -> str:
        if not self.levels:
            return ""
        ppr = p.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id, ilvl = (_val(numpr, "numId"), _val(numpr, "ilvl")) if numpr is not None else (None, None)
        ilvl = int(ilvl) if ilvl is not None and ilvl.isdigit() else None
        style = _val(ppr, "pStyle")
        if style in self.style_numbering:  # a heading style that numbers its paragraphs
            s_num, s_lvl = self.style_numbering[style]
            num_id, ilvl = num_id or s_num, ilvl if ilvl is not None else s_lvl
        levels = self.levels.get(num_id or "")
        if not levels:
            return ""  # numId 0 (numbering removed) or unknown
        ilvl = ilvl or 0
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                n = counters.get(k, levels.get(k, (1,))[0])
                text = text.replace(f"%{k + 1}", format_number(n, levels.get(k, (1, "decimal"))[1]))
        return text
