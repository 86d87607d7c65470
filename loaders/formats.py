"""A file of any supported format to normalised Text, one reader per format (offsets index the extracted text)."""
# .txt/.md: decoded as they are. .html: the article body only (menus, breadcrumbs, sidebars, footers, scripts and
# layout tables dropped; measured against readability-lxml, see tests/govpages.py). .docx: paragraphs and tables in
# document order, with the numbers of Word's lists (loaders/word_numbering.py). .pdf (pdfplumber): text in reading
# order, lines the layout broke joined again, ruled tables. .xlsx/.csv: task tables. Every table row is written
# `| a | b | c |`, the form loaders/structure.py reads.
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from loaders import read
from loaders.errors import (CorruptDocument, DocumentError, EncryptedDocument, NoArticleBody, NoTextLayer, TooLarge,
                            UnsupportedFormat)
from loaders.files import open_bounded
from loaders.read import Text, decode_bytes, normalise, read_text
from loaders.task_tables import TableWriter, find_header, is_header

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".csv"}
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | SHEET_SUFFIXES | {".docx", ".pdf"})


def read_document(path: str | Path) -> Text:
    """Read a document file of any supported format into normalised text; a special, unreadable or oversized file
    is refused before any format reader sees it, and the file is read once, bounded by the bytes read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _SAVE_AS:
        raise UnsupportedFormat(f"{path}: '{suffix}' files are not supported; open it in Word, Excel or WPS and save it "
                                f"as {_SAVE_AS[suffix]}, then load that file.")
    readers = {**{s: read_text for s in TEXT_SUFFIXES | {""}}, **{s: read_html for s in HTML_SUFFIXES},
               ".docx": read_docx, ".pdf": read_pdf, ".xlsx": read_xlsx, ".xlsm": read_xlsx, ".csv": read_csv}
    if suffix not in readers:
        raise UnsupportedFormat(f"{path}: '{suffix}' files are not supported; supported: {', '.join(SUPPORTED)}.")
    data = open_bounded(p, read.MAX_BYTES)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return read_text(data, str(p), fmt=suffix.lstrip(".") or "txt")
    return readers[suffix](data, str(p))


# older office formats plans still come in, and the format to save them as
_SAVE_AS = {".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".ofd": ".pdf"}


def _text(extracted: str, path: str, fmt: str) -> Text:
    text, offsets = normalise(extracted)
    return Text(path=path, raw=extracted, text=text, offsets=offsets, encoding="utf-8", format=fmt)


# ---- HTML ----------------------------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
              "button", "template", "svg")
_NOISE = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|sidebar|share|toolbar|banner|copyright|login|search|"
                    r"related|links|topbar|bottom|foot", re.I)
# the boilerplate of a site's footer, where no class or id says "footer": two of these mark the block
# (the label forms only: a plan's own text may well speak of a 主办单位 or of 技术支持)
_FOOTER_TEXT = re.compile(r"版权所有|(?:主办|承办)单位\s*[:：]|技术支持\s*[:：]|ICP备|公网安备|网站标识码|联系我们|网站地图|"
                          r"分辨率(?:浏览|下浏览)|Copyright|©", re.I)
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
               "blockquote", "pre", "dd", "dt", "ul", "ol", "center", "td", "th"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def read_html(data: bytes, path: str = "<html>") -> Text:
    """The article body of a government web page: the element holding most of the page's Chinese prose."""
    import lxml.html
    from lxml import etree

    raw, _ = decode_bytes(data, path)
    raw = re.sub(r"^<\?xml[^>]*\?>", "", raw.lstrip())
    try:
        root = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptDocument(f"{path}: is not readable HTML ({exc}); save the page again or give its text.") from exc
    published = _page_published(root)  # from the whole page: the info bar and meta tags stand outside the article
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = " ".join([el.get("class") or "", el.get("id") or "", el.get("role") or ""])
        if marks.strip() and _NOISE.search(marks) and len(_cjk_text(el)) < 400:
            el.drop_tree()
    _drop_footer_blocks(root)
    body = _article_element(root)
    if body is None:
        raise NoArticleBody(f"{path}: no article body found (the page holds no paragraph of Chinese text); save the "
                            "article page itself, not a list or menu page, or copy its text into a .txt file.")
    lines = _html_lines(body)
    text = "\n".join(lines).strip()
    if len(_CJK.findall(text)) < 20:
        raise NoArticleBody(f"{path}: the page's article body is (almost) empty; save the article page itself or "
                            "copy its text into a .txt file.")
    title = root.find(".//title")
    head = (title.text_content().strip() if title is not None else "")
    if head and head not in text[:200]:
        head = head.split("_")[0].split("-")[0].strip()
        if head and head not in text[:200] and len(head) >= 6:
            text = head + "\n" + text
    if published and not _PAGE_DATE.search(text):
        text += "\n发布日期:" + published  # a footer line: extract_facts reads it, the parser skips it
    return _text(text, path, "html")


_PAGE_DATE = re.compile(r"(?:发布时间|发布日期|发文日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_META_DATE = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "published")


def _page_published(root) -> str:
    """The page's publication date: a <meta> the site writes (PubDate, firstpublishedtime …), else a 发布日期 line
    anywhere on the page; '' when neither."""
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", (meta.get("content") or "").strip())
        if name in _META_DATE and m:
            return "-".join(f"{int(g):02d}" for g in m.groups())
    m = _PAGE_DATE.search(root.text_content())
    return "-".join(f"{int(g):02d}" for g in m.groups()) if m else ""


def _drop_footer_blocks(root) -> None:
    """Drop the smallest elements whose text holds two footer phrases (版权所有, 网站标识码 …) and little prose."""
    def markers(el) -> int:
        return len(set(_FOOTER_TEXT.findall(el.text_content())))

    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head") or markers(el) < 2:
            continue
        if any(isinstance(c.tag, str) and markers(c) >= 2 for c in el):
            continue  # a smaller block inside holds them
        if len(_cjk_text(el)) < 400:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _cjk_text(el) -> str:
    return "".join(_CJK.findall(el.text_content()))


def _article_element(root):
    """The element whose direct paragraphs hold the most Chinese text (a readability-style score)."""
    for xp in (".//article", ".//*[@id='zoom']", ".//*[contains(@class,'article')]", ".//*[contains(@class,'content')]",
               ".//*[contains(@id,'content')]", ".//*[contains(@class,'TRS_Editor')]"):
        found = [el for el in root.findall(xp) if len(_cjk_text(el)) >= 100] if "contains" not in xp else \
            [el for el in root.xpath(xp) if len(_cjk_text(el)) >= 100]
        if found:
            return max(found, key=lambda el: len(_cjk_text(el)))
    best, best_score = None, 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "head"):
            continue
        score = sum(len(_cjk_text(c)) for c in el if isinstance(c.tag, str) and c.tag in ("p", "div", "table", "br")
                    and len(_cjk_text(c)) >= 10)
        score += len(_CJK.findall(el.text or ""))
        if score > best_score:
            best, best_score = el, score
    return best if best_score >= 20 else None


def _table_grid(table) -> list[list[str]]:
    """The rows of an HTML table with merged cells laid out: a cell with rowspan stands in each row it spans (a 牵头单位
    shared by several tasks), one with colspan in its first column and empty in the others."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still spanned)
    for tr in table.iter("tr"):
        row: list[str] = []

        def fill_spanned():
            while len(row) in pending:
                text, left = pending[len(row)]
                row.append(text)
                if left <= 1:
                    del pending[len(row) - 1]
                else:
                    pending[len(row) - 1] = (text, left - 1)

        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            fill_spanned()
            text = re.sub(r"\s+", " ", cell.text_content()).strip().replace("|", "/")
            rowspan, colspan = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for k in range(colspan):
                if rowspan > 1:
                    pending[len(row)] = (text if k == 0 else "", rowspan - 1)
                row.append(text if k == 0 else "")
        fill_spanned()
        grid.append(row)
    return grid


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))  # a bounded span: a hostile rowspan=1e9 must not blow up
    except ValueError:
        return 1


def _layout_table(table) -> bool:
    """A table that lays out the page (a menu column beside the article) rather than holding data: not a task table
    and one cell a row, or a cell holding a nested table, a long run of prose or several paragraphs. Its cells are
    read as blocks, not as one row."""
    rows = [[c.text_content() for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for tr in table.iter("tr")]
    if find_header(rows) is not None:
        return False
    if max((len(row) for row in rows), default=0) <= 1 or table.find(".//table") is not None:
        return True
    return any(len(_CJK.findall(cell)) > 200 for row in rows for cell in row) or any(
        len(cell.findall(".//br")) + len(cell.findall(".//p")) >= 3 for cell in table.iter("td"))


def _html_lines(el) -> list[str]:
    lines: list[str] = []
    buf: list[str] = []

    def flush():
        line = re.sub(r"\s+", " ", "".join(buf)).strip()
        if line:
            lines.append(line)
        buf.clear()

    def visit(node):
        if not isinstance(node.tag, str):
            if node.tail:
                buf.append(node.tail)
            return
        if node.tag == "table" and not _layout_table(node):
            flush()
            for cells in _table_grid(node):
                if any(cells):
                    lines.append("| " + " | ".join(cells) + " |")
        else:
            block = node.tag in _BLOCK_TAGS
            if block:
                flush()
            if node.text:
                buf.append(node.text)
            for child in node:
                visit(child)
            if block:
                flush()
        if node.tail:
            buf.append(node.tail)

    if el.text:
        buf.append(el.text)
    for child in el:
        visit(child)
    flush()
    return lines


# ---- Office files are zip archives: bound what they unpack to before a library reads them -----------------------

MAX_UNPACKED = 512 * 1024 * 1024


def _check_unpacked_size(data: bytes, path: str) -> None:
    """Refuse an archive that unpacks to more than MAX_UNPACKED (a zip bomb, or no policy document)."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the format's own reader says what is wrong with it
    if unpacked > MAX_UNPACKED:
        raise TooLarge(f"{path}: unpacks to {unpacked / 1e6:.0f} MB, over the {MAX_UNPACKED // 1_000_000} MB limit for "
                       "one policy document; check that it is the right file.")


# ---- DOCX ----------------------------------------------------------------------------------------------------

def read_docx(data: bytes, path: str = "<docx>") -> Text:
    """Paragraphs and tables in document order; a table row becomes one line `| a | b | c |`."""
    import io

    import docx
    from docx.document import Document as _Doc  # noqa: F401
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise EncryptedDocument(f"{path}: is password-protected (or an old .doc saved as .docx); remove the "
                                "password or save it as a plain .docx, then load it again.")
    _check_unpacked_size(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocument(f"{path}: is not a readable .docx file ({exc.__class__.__name__}); open it in Word or "
                              "LibreOffice and save it again as .docx.") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors on broken parts
        raise CorruptDocument(f"{path}: is not a readable .docx file ({exc}); open it in Word or LibreOffice and "
                              "save it again as .docx.") from exc
    from loaders.word_numbering import ListNumbers

    numbers = ListNumbers(document)  # the 一、 (一) 1. Word draws before list paragraphs, in document order

    def paragraph_text(p: Paragraph) -> str:
        return (numbers(p._p) + p.text).strip()

    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = paragraph_text(Paragraph(child, document))
            if text:
                lines.append(text)
        elif tag == "tbl":
            # a merged cell is read (and its list numbers counted) once; keyed by the element, which the dict keeps
            # alive, so lxml hands back the same object for it (an id() of a freed proxy can be reused)
            texts: dict = {}
            for row in Table(child, document).rows:
                cells, last = [], None
                for cell in row.cells:
                    if cell._tc is last:  # merged across columns: its first column holds it, the others are empty
                        cells.append("")
                        continue
                    last = cell._tc
                    if cell._tc not in texts:
                        joined = " ".join(paragraph_text(p) for p in cell.paragraphs)
                        texts[cell._tc] = re.sub(r"\s+", " ", joined).strip().replace("|", "/")
                    cells.append(texts[cell._tc])  # one merged down rows stands in each (a shared 牵头单位)
                if any(cells):
                    lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines)
    if not text.strip():
        from loaders.errors import EmptyDocument

        raise EmptyDocument(f"{path}: the .docx holds no text; check that it is the plan itself.")
    return _text(text, path, "docx")


# ---- PDF -----------------------------------------------------------------------------------------------------

# a line ending in one of these ends a sentence, clause or heading; any other line break is the PDF's layout
_LINE_END = "。；;:：!！?？)）】〕]”"
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$|^第\s*\d+\s*页")
_STARTS_BLOCK = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,3}[.、]|"
                           r"附件|牵头单位|责任单位|配合单位|序号)")


MAX_PDF_PAGES = 1000


def read_pdf(data: bytes, path: str = "<pdf>") -> Text:
    """The text layer of a PDF in reading order, lines broken by the layout joined again; ruled tables (a 任务分工表)
    as `| a | b | c |` rows, a header repeated on every page kept once, cells that wrap or run over a page joined."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    writer = TableWriter()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise TooLarge(f"{path}: has {len(pdf.pages)} pages, over the {MAX_PDF_PAGES}-page limit for one "
                               "policy document (reading takes about 0.2 s a page); split it or check that it is the "
                               "right file.")
            for page in pdf.pages:
                _read_pdf_page(page, writer)
                page.close()  # drop the page's parsed objects: memory stays that of one page
                writer.text("", furniture=True)  # a page break: join_pdf_lines decides if a sentence runs over it
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises assorted errors (syntax, missing objects, bad streams) on damaged files
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps them
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "encrypt" in str(cause).lower():
            raise EncryptedDocument(f"{path}: is password-protected; remove the password (for example: "
                                    "qpdf --decrypt --password=PASS in.pdf out.pdf) and load it again.") from exc
        raise CorruptDocument(f"{path}: is not a readable PDF ({cause.__class__.__name__}: {cause}); download it "
                              "again or export it from the source once more.") from exc
    lines: list[str] = []
    prose: list[tuple[str, tuple[bool, bool] | None]] = []
    for line, layout in writer.render_with_layout():
        if line.startswith("| "):
            lines.extend(_join_lines(prose))
            prose = []
            lines.append(line)
        else:
            prose.append((line, layout))
    lines.extend(_join_lines(prose))
    text = "\n".join(x for x in lines if x)
    if len(_CJK.findall(text)) + len(re.findall(r"[A-Za-z]", text)) < 10:
        raise NoTextLayer(f"{path}: has no text layer (a scanned PDF?); run OCR first (for example: ocrmypdf "
                          "-l chi_sim in.pdf out.pdf) or give the document as .docx/.txt.")
    return _text(text, path, "pdf")


def _read_pdf_page(page, writer: TableWriter) -> None:
    """One page: its text lines and its ruled tables, in the order they stand from top to bottom."""
    tables = page.find_tables()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    text_lines = outside.extract_text_lines(return_chars=False)
    layouts = _line_layouts(text_lines)
    entries = [(line["top"], 0, (line["text"], layout, abs((line["x0"] + line["x1"]) / 2 - page.width / 2)
                                 < page.width / 10)) for line, layout in zip(text_lines, layouts)]
    entries += [(table.bbox[1], 1, table) for table in tables]
    entries.sort(key=lambda e: (e[0], e[1]))
    text_at = [n for n, e in enumerate(entries) if e[1] == 0]
    ends = {text_at[0], text_at[-1]} if text_at else set()
    for n, (_, kind, item) in enumerate(entries):
        if kind == 0:
            # a bare number is the page's number where it stands centred, first or last on the page; else it is a
            # table's row number
            if n in ends and item[2] and _PAGE_NUMBER.match(item[0].strip()):
                writer.text("", furniture=True)
            else:
                writer.text(item[0], layout=item[1])
        else:  # a table with only page furniture since the last table's rows continues that table
            writer.rows(_fill_merged_down(item.extract()), continues=True)


def _fill_merged_down(rows: list[list[str | None]]) -> list[list[str | None]]:
    """pdfplumber gives None for the rows a vertically merged cell spans: they share the cell above."""
    out: list[list[str | None]] = []
    for row in rows:
        if out and len(out[-1]) == len(row) and any(c for c in row) and not is_header([c or "" for c in out[-1]]):
            row = [out[-1][k] if c is None else c for k, c in enumerate(row)]
        out.append(row)
    return out


def _line_layouts(lines: list[dict]) -> list[tuple[bool, bool] | None]:
    """What the page says about each line: (it reaches the right margin, so its paragraph runs on into the next line;
    it is indented, so it starts a paragraph). None where a page has too few lines to tell its margins."""
    widths = [(ln["x1"] - ln["x0"]) / max(1, len(ln["text"])) for ln in lines]
    if len(lines) < 3:
        return [None] * len(lines)
    right = max(ln["x1"] for ln in lines)
    left = min(ln["x0"] for ln in lines)
    if right - left < 20 * max(widths):  # no column of prose on this page (a list of cells, a cover): no margins
        return [None] * len(lines)
    return [(ln["x1"] >= right - 1.5 * w, ln["x0"] >= left + 1.5 * w) for ln, w in zip(lines, widths)]


def join_pdf_lines(text: str) -> str:
    """Re-join lines the PDF broke: a line not ending in 。;:)】 etc. runs on into the next, unless the next starts a
    heading, an item or a label line. Page numbers are dropped."""
    return "\n".join(_join_lines([(line, None) for line in text.split("\n")], numbers_are_pages=True))


_OPEN_BRACKETS = "(（[【〔"
_CLOSE_BRACKETS = ")）]】〕"


def _open_depth(line: str) -> int:
    return sum(line.count(c) for c in _OPEN_BRACKETS) - sum(line.count(c) for c in _CLOSE_BRACKETS)


def _join_lines(items: list[tuple[str, tuple[bool, bool] | None]], numbers_are_pages: bool = False) -> list[str]:
    """Lines joined into paragraphs. A line that leaves a bracket open runs on (a duty clause broken over lines); else
    the layout decides where the page gives it (a line up to the right margin runs on unless the next starts a heading
    or is indented); else the text: a line of 15 or more characters not ending in 。;:)】 runs on unless the next
    line starts a heading, an item or a label. A sentence runs on over a page break (an empty line); a line that is
    only a number is a page number when `numbers_are_pages` (plain text; the PDF reader tells them by position)."""
    out: list[str] = []
    run_on: list[bool | None] = []  # per out line: the layout says it reaches the right margin (None: no layout)
    page_break = False
    for raw, layout in items:
        line = raw.strip()
        if not line or (numbers_are_pages and _PAGE_NUMBER.match(line)):
            page_break = page_break or bool(out)
            continue
        joined = False
        if out:
            prev, full = out[-1], run_on[-1]
            starts_block = bool(_STARTS_BLOCK.match(line)) or bool(layout and layout[1])
            if 0 < _open_depth(prev) and len(prev) < 400:
                joined = True
            elif starts_block:
                joined = False
            elif full is not None:
                joined = full
            else:
                joined = not prev.endswith(tuple(_LINE_END)) and (len(prev) >= 15 or page_break)
        if joined:
            out[-1] += line
            run_on[-1] = layout[0] if layout else None
        else:
            out.append(line)
            run_on.append(layout[0] if layout else None)
        page_break = False
    return out


# ---- spreadsheets: a 分工表 as .xlsx or .csv -------------------------------------------------------------------

def read_xlsx(data: bytes, path: str = "<xlsx>") -> Text:
    """Every sheet's task table as pipe rows (header found below any title rows, merged cells spread down the rows
    they span); rows of a sheet without a task-table header are kept as text."""
    import io

    import openpyxl

    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise EncryptedDocument(f"{path}: is password-protected (or an old .xls renamed .xlsx); remove the password "
                                "or save it as a plain .xlsx, then load it again.")
    _check_unpacked_size(data, path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors on damaged or foreign files
        raise CorruptDocument(f"{path}: is not a readable .xlsx file ({exc.__class__.__name__}); open it in Excel or "
                              "LibreOffice and save it again as .xlsx.") from exc
    writer = TableWriter()
    for sheet in book.worksheets:
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            # a cell merged down several rows belongs to each of them; merged across columns it is one cell
            value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else ""
            for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
                rows[r - 1][merged.min_col - 1] = value
        # a sheet without a header (or with the same one) continues the table of the sheet before
        writer.rows(rows, continues=True, title=sheet.title.strip())
    return _sheet_text(writer, path, "xlsx")


def read_csv(data: bytes, path: str = "<csv>") -> Text:
    """A task table saved as CSV (UTF-8 with or without BOM, GB18030/GBK as Excel writes it; , ; or tab)."""
    import csv

    raw, _ = decode_bytes(data, path)
    try:
        dialect = csv.Sniffer().sniff(raw[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(raw.splitlines(), dialect))
    except csv.Error as exc:
        raise CorruptDocument(f"{path}: is not readable CSV ({exc}); save it again from the spreadsheet.") from exc
    writer = TableWriter()
    writer.rows(rows)
    return _sheet_text(writer, path, "csv")


def _cell_text(value) -> str:
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):  # a 完成时限 typed as a date
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():  # 序号 stored as 1.0
        return str(int(value))
    return str(value)


def _sheet_text(writer: TableWriter, path: str, fmt: str) -> Text:
    text = "\n".join(line for line in writer.render() if line.strip())
    if not text.strip():
        from loaders.errors import EmptyDocument

        raise EmptyDocument(f"{path}: the spreadsheet holds no text; check that it is the plan's task table.")
    return _text(text, path, fmt)
