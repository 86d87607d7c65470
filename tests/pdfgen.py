"""A tiny PDF writer for tests: a text layer of CJK lines with a ToUnicode map, no font files needed."""
from __future__ import annotations


def make_pdf(pages: list[list[str]]) -> bytes:
    """Each page is a list of lines; characters are written as CIDs equal to their code points."""
    streams = []
    for lines in pages:
        ops = [b"BT /F1 10 Tf 12 TL 40 800 Td"]
        for line in lines:
            ops.append(_hex(line) + b" Tj T*")
        ops.append(b"ET")
        streams.append(b"\n".join(ops))
    return pdf_from_streams(streams)


def _hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"


FONT_SIZE = 10  # every glyph is 1000 units (one em) wide, so a character takes FONT_SIZE points


def make_table_pdf(pages: list[dict]) -> bytes:
    """Pages with a ruled table: each page is {"above": [lines], "rows": [[cell, ...]], "widths": [points],
    "below": [centred lines]}; a cell's text wraps inside its column, as in a 任务分工表 printed from Word."""
    streams = []
    for page in pages:
        ops: list[bytes] = []
        y = 800
        for line in page.get("above", []):
            ops.append(b"BT /F1 %d Tf 40 %d Td " % (FONT_SIZE, y) + _hex(line) + b" Tj ET")
            y -= 16
        widths = page["widths"]
        for row in page["rows"]:
            wrapped = [_wrap(cell, int(w - 4) // FONT_SIZE) for cell, w in zip(row, widths)]
            height = max(len(lines) for lines in wrapped) * 12 + 6
            x = 40
            for lines, w in zip(wrapped, widths):
                ops.append(b"%d %d %d %d re S" % (x, y - height, w, height))
                for k, line in enumerate(lines):
                    ops.append(b"BT /F1 %d Tf %d %d Td " % (FONT_SIZE, x + 2, y - 12 * (k + 1)) + _hex(line) + b" Tj ET")
                x += w
            y -= height
        y -= 20
        for line in page.get("below", []):  # a footer such as the page number, centred
            x = (595 - FONT_SIZE * len(line)) // 2
            ops.append(b"BT /F1 %d Tf %d %d Td " % (FONT_SIZE, x, y) + _hex(line) + b" Tj ET")
            y -= 16
        streams.append(b"\n".join(ops))
    return pdf_from_streams(streams)


def _wrap(text: str, per_line: int) -> list[str]:
    return [text[i:i + per_line] for i in range(0, len(text), per_line)] or [""]


def pdf_from_streams(streams: list[bytes]) -> bytes:
    """A PDF of one page per content stream, all using font /F1."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /UCS def "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapType 2 def "
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
            b"1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                     b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) "
              b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [%d 0 R] "
               b"/ToUnicode %d 0 R >>" % (cid, tounicode))
    pages_id = len(objs) + 1 + 2 * len(streams)
    kids = []
    for stream in streams:
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)
