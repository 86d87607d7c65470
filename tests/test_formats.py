"""Each format read from a fixture the test generates, and bad input refused with a clear error."""
import io
import sys
from pathlib import Path

import pytest

from loaders.errors import CorruptDocument, DocumentError, EncryptedDocument, NoArticleBody, NoTextLayer, TooLarge
from loaders.parse import parse_document

sys.path.insert(0, str(Path(__file__).parent))
from pdfgen import make_pdf  # noqa: E402

PLAN = ["一、重点任务", "1.加快建设孵化平台。(责任单位:区科委、区财政局)", "2.完善政策体系,2024年底前出台。(牵头单位:区发改委;配合单位:区商务局)"]


def duties(path):
    doc = parse_document(path)
    return [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()]


EXPECTED = [(1, "区科委", "lead"), (1, "区财政局", "support"), (2, "区发改委", "lead"), (2, "区商务局", "support")]


def test_text_encodings(tmp_path):
    for enc in ("utf-8", "gb18030", "utf-16"):
        p = tmp_path / f"plan-{enc}.txt"
        p.write_bytes("\n".join(PLAN).encode(enc))
        assert duties(p) == EXPECTED


def test_html_article_body_only(tmp_path):
    html = ("<html><head><title>关于印发方案的通知</title></head><body>"
            "<div class='nav'><a>首页</a><a>政务公开</a><a>责任单位:区办公室</a></div>"
            "<div id='zoom'>" + "".join(f"<p>{line}</p>" for line in PLAN) + "</div>"
            "<div class='footer'>主办单位:区政府办公室 版权所有 联系我们</div><script>var x='(责任单位:区警局)'</script>"
            "</body></html>")
    p = tmp_path / "plan.html"
    p.write_text(html, encoding="utf-8")
    assert duties(p) == EXPECTED
    text = parse_document(p).text.text
    assert "首页" not in text and "版权所有" not in text and "var x" not in text


def test_html_without_body(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><nav><a>首页</a><a>新闻</a></nav><footer>版权所有</footer></body></html>",
                 encoding="utf-8")
    with pytest.raises(NoArticleBody, match="article"):
        parse_document(p)


def _docx(paragraphs, table=None) -> bytes:
    import docx

    d = docx.Document()
    for line in paragraphs:
        d.add_paragraph(line)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.rows[r].cells[c].text = cell
    d.add_paragraph("二、保障措施")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    p = tmp_path / "plan.docx"
    p.write_bytes(_docx(PLAN[:2], [["序号", "任务", "牵头单位", "配合单位", "完成时限"],
                                   ["2", "完善政策体系", "区发改委", "区商务局", "2024年底前"]]))
    doc = parse_document(p)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == EXPECTED
    assert doc.tasks[1].deadline == "2024-12-31"
    assert doc.text.text.index("加快建设") < doc.text.text.index("完善政策体系")


def test_corrupt_docx(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    with pytest.raises(CorruptDocument, match="save it again"):
        parse_document(p)


def test_pdf_text_layer_with_broken_lines(tmp_path):
    p = tmp_path / "plan.pdf"
    p.write_bytes(make_pdf([["一、重点任务", "1.加快建设孵化平台,推动园区和企业", "协同发展。(责任单位:区科委、",
                             "区财政局)"], ["2.完善政策体系,2024年底前出台。(牵头单位:区发改委;配合单位:区商务局)"]]))
    doc = parse_document(p)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == EXPECTED
    assert "推动园区和企业协同发展" in doc.tasks[0].text


def test_scanned_pdf_without_text(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([[], []]))
    with pytest.raises(NoTextLayer, match="OCR"):
        parse_document(p)


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf([PLAN]))).pages:
        w.add_page(page)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    with pytest.raises(EncryptedDocument, match="password"):
        parse_document(p)


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(DocumentError):
        parse_document(p)


def test_too_large(tmp_path, monkeypatch):
    from loaders import read

    monkeypatch.setattr(read, "MAX_BYTES", 10)
    p = tmp_path / "big.txt"
    p.write_text("\n".join(PLAN), encoding="utf-8")
    with pytest.raises(TooLarge, match="limit"):
        parse_document(p)


def test_folder_load_names_skipped_documents(tmp_path):
    from graph.loading import parse_paths

    (tmp_path / "good.txt").write_text("\n".join(PLAN), encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 nope")
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[]]))
    report = parse_paths([tmp_path])
    assert [Path(d.path).name for d in report.loaded] == ["good.txt"]
    assert sorted(Path(p).name for p, _ in report.skipped) == ["broken.docx", "scan.pdf"]
    assert all(reason for _, reason in report.skipped)


def test_read_does_not_import_formats():
    """read.py is the lower layer (bytes to text); formats.py builds on it, never the other way round."""
    import subprocess

    code = "import sys, loaders.read; sys.exit('loaders.formats' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent).returncode == 0
    source = (Path(__file__).parent.parent / "loaders" / "read.py").read_text(encoding="utf-8")
    assert "formats" not in source


HEADER = ["序号", "任务", "牵头单位", "配合单位", "完成时限"]


def seed_table_rows():
    """The seed's tasks as 分工表 rows (number, task, leads, supports, deadline), taken from its parse."""
    from conftest import SEED

    doc = parse_document(SEED)
    rows = []
    for task in doc.tasks:
        duties = [d for c in task.clauses for d in c.duties]
        rows.append([str(task.number), task.title,
                     "、".join(d.unit for d in duties if d.role == "lead"),
                     "、".join(d.unit for d in duties if d.role == "support"), "2025年底前"])
    facts = {(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()}
    return rows, facts


def table_facts(path):
    doc = parse_document(path)
    return doc, {(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()}


def docx_table_facts(tmp_path, rows):
    """What the same table gives when it comes from Word: the reference every other table reader must match."""
    p = tmp_path / "table.docx"
    p.write_bytes(_docx(["附件", "重点任务分工表"], [HEADER] + rows))
    return table_facts(p)[1]


def seed_table_pdf(tmp_path, rows):
    from pdfgen import make_table_pdf

    widths = [30, 150, 90, 200, 60]  # narrow columns: task titles and unit lists wrap inside their cells
    pages = [{"rows": [HEADER] + rows[k:k + 4], "widths": widths, "below": [f"- {k // 4 + 1} -"]}
             for k in range(0, len(rows), 4)]
    pages[0]["above"] = ["附件", "重点任务分工表"]
    assert len(pages) == 4
    p = tmp_path / "table.pdf"
    p.write_bytes(make_table_pdf(pages))
    return p


def test_pdf_task_table_over_four_pages_gives_every_row(tmp_path):
    rows, facts = seed_table_rows()
    doc, got = table_facts(seed_table_pdf(tmp_path, rows))
    assert got == docx_table_facts(tmp_path, rows)
    assert len(got) >= 73 and got <= facts
    assert [t.number for t in doc.tasks] == list(range(1, 17))  # the header repeated on every page is no task
    assert [t.title for t in doc.tasks] == [r[1] for r in rows]  # wrapped cells joined again
    assert all(any(d.role == "lead" for c in t.clauses for d in c.duties) for t in doc.tasks)
    assert {t.deadline for t in doc.tasks} == {"2025-12-31"}
    assert "- 2 -" not in doc.text.text


def test_pdf_task_table_gives_all_74_seed_facts(tmp_path):
    rows, facts = seed_table_rows()
    assert table_facts(seed_table_pdf(tmp_path, rows))[1] == facts


def test_pdf_row_running_over_a_page_break_is_one_task(tmp_path):
    from pdfgen import make_table_pdf

    widths = [30, 150, 90, 120, 60]
    p = tmp_path / "split.pdf"
    p.write_bytes(make_table_pdf([
        {"above": ["一、重点任务"], "widths": widths, "rows": [HEADER, ["1", "建设科技成果转化平台", "区科委", "区财政局", "2025年底前"],
                                                         ["2", "完善知识产权", "区市场监管局", "区司法", "2025年"]]},
        {"widths": widths, "rows": [HEADER, ["", "保护体系", "", "局", "6月底前"],
                                    ["3", "优化营商环境", "区发展改革委", "区商务局", "持续推进"]]},
    ]))
    doc, got = table_facts(p)
    assert [t.number for t in doc.tasks] == [1, 2, 3]
    assert doc.tasks[1].title == "完善知识产权保护体系"
    assert (2, "区司法局", "support") in got and (2, "区市场监管局", "lead") in got
    assert doc.tasks[1].deadline == "2025-06-30"


def test_xlsx_task_table_any_column_order_title_row_merged_cells_two_sheets(tmp_path):
    import openpyxl

    rows, facts = seed_table_rows()
    book = openpyxl.Workbook()
    first = book.active
    first.title = "重点任务分工"
    # a title row merged across the columns, then the header; columns not in the usual order
    order = [0, 2, 1, 4, 3]  # 序号, 牵头单位, 任务, 完成时限, 配合单位
    first.append(["石景山区孵化器重点任务分工表"])
    first.merge_cells("A1:E1")
    first.append([HEADER[k] for k in order])
    for row in rows[:8]:
        first.append([int(row[0])] + [row[k] for k in order[1:]])
    first.merge_cells(f"D3:D{3 + 7}")  # one 完成时限 cell merged down all the rows of the sheet
    second = book.create_sheet("续表")
    second.append(["责任单位", "序号", "重点任务", "配合部门", "时限"])  # other header words, other order
    for row in rows[8:]:
        second.append([row[2], int(row[0]), row[1], row[3], row[4]])
    p = tmp_path / "table.xlsx"
    book.save(p)
    doc, got = table_facts(p)
    assert got == docx_table_facts(tmp_path, rows)
    assert len(got) >= 73 and got <= facts
    assert [t.number for t in doc.tasks] == list(range(1, 17))
    assert [t.title for t in doc.tasks] == [r[1] for r in rows]
    assert {t.deadline for t in doc.tasks} == {"2025-12-31"}  # the merged cell holds for every row it spans


def test_csv_task_table_gbk_with_a_title_row(tmp_path):
    rows, facts = seed_table_rows()
    import csv
    import io as io_

    buf = io_.StringIO()
    out = csv.writer(buf)
    out.writerow(["附件:重点任务分工", "", "", "", ""])
    out.writerow(["完成时限", "配合单位", "牵头单位", "任务", "序号"])
    for row in rows:
        out.writerow(list(reversed(row)))
    p = tmp_path / "table.csv"
    p.write_bytes(buf.getvalue().encode("gb18030"))
    doc, got = table_facts(p)
    assert got == docx_table_facts(tmp_path, rows)
    assert len(got) >= 73 and got <= facts
    assert [t.title for t in doc.tasks] == [r[1] for r in rows]


def test_xlsx_without_a_task_table_says_so(tmp_path):
    import openpyxl

    from loaders.errors import NoTasks

    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.active.append(["张三", "123"])
    p = tmp_path / "contacts.xlsx"
    book.save(p)
    with pytest.raises(NoTasks):
        parse_document(p)


def test_corrupt_xlsx(tmp_path):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(CorruptDocument, match="save it again"):
        parse_document(p)


from govpages import FACTS, PAGES, score  # noqa: E402


@pytest.mark.parametrize("make", PAGES, ids=lambda make: make.__name__)
def test_html_layouts_give_the_article_and_nothing_around_it(tmp_path, make):
    name, html, chrome = make()
    p = tmp_path / f"{name}.html"
    p.write_text(html, encoding="utf-8")
    doc = parse_document(p)
    body, leaked = score(doc.text.text, name, chrome)
    assert (body, leaked) == (1.0, 0)
    got = [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()]
    expected = [f for f in FACTS if f[0] in {t.number for t in doc.tasks}]
    if name == "disclosure-table":  # the task table inside the article is read too
        expected += [(4, "区科委", "lead"), (4, "区统计局", "support")]
    assert got == expected and len(expected) >= 3


def test_html_publication_date_from_outside_the_article(tmp_path):
    _, html, _ = PAGES[0]()  # 发布日期 in an info row above the article
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    assert parse_document(p).facts.published_on == "2024-03-15"
    tagged = html.replace("<head>", "<head><meta name='PubDate' content='2024-03-16 09:30'>")
    p.write_text(tagged.replace("发布日期:2024-03-15", ""), encoding="utf-8")
    assert parse_document(p).facts.published_on == "2024-03-16"


def _wrapped(paragraph: str, width: int) -> list[str]:
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)]


def test_pdf_layout_joins_lines_that_reach_the_margin_and_bracketed_clauses(tmp_path):
    # the first task's paragraph wraps right after a 。 (the next line still belongs to it), the second wraps inside
    # its bracket; the heading and a short last line end their paragraphs
    first = "1.建设孵化平台,推动园区与企业协同发展和创新。完善服务体系,支持机构开展专业服务。(责任单位:区科委、区财政局)"
    second = "2.完善政策体系,2024年底前出台配套细则,加强政策宣传解读工作。(牵头单位:区发改委;配合单位:区商务局)"
    lines = ["一、重点任务"] + _wrapped(first, 24) + _wrapped(second, 24)
    assert _wrapped(first, 24)[0].endswith("。")
    p = tmp_path / "wrapped.pdf"
    p.write_bytes(make_pdf([lines]))
    doc = parse_document(p)
    assert [t.text for t in doc.tasks] == [first, second]
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == EXPECTED[:2] + [
        (2, "区发改委", "lead"), (2, "区商务局", "support")]


def test_pdf_bare_row_numbers_are_not_page_numbers(tmp_path):
    p = tmp_path / "flat.pdf"
    p.write_bytes(make_pdf([["附件", "序号", "任务", "牵头单位", "配合单位", "1", "建设孵化平台", "区科委", "区财政局",
                             "2", "完善政策体系", "区发改委", "区商务局"]]))
    assert [(r.item.number, r.duty.unit) for r in parse_document(p).responsibilities()] == [
        (1, "区科委"), (1, "区财政局"), (2, "区发改委"), (2, "区商务局")]


def test_xlsx_sheet_without_header_continues_the_table(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([1, "建设孵化平台", "区科委", "区财政局", "2025年底前"])
    more = book.create_sheet("Sheet2")
    more.append([2, "完善政策体系", "区发改委", "区商务局", "2026年6月底前"])
    p = tmp_path / "two.xlsx"
    book.save(p)
    doc, got = table_facts(p)
    assert [t.deadline for t in doc.tasks] == ["2025-12-31", "2026-06-30"]
    assert got == {(1, "区科委", "lead"), (1, "区财政局", "support"), (2, "区发改委", "lead"), (2, "区商务局", "support")}


def test_old_office_formats_say_what_to_save_them_as(tmp_path):
    from loaders.errors import UnsupportedFormat

    p = tmp_path / "plan.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0 old workbook")
    with pytest.raises(UnsupportedFormat, match=r"save it as \.xlsx"):
        parse_document(p)


def test_pdf_table_continues_under_a_running_page_header(tmp_path):
    from pdfgen import make_table_pdf

    widths = [30, 150, 90, 120, 60]
    p = tmp_path / "running.pdf"
    p.write_bytes(make_table_pdf([
        {"above": ["某区人民政府办公室文件"], "widths": widths,
         "rows": [HEADER, ["1", "建设科技成果转化平台", "区科委", "区财政局", "2025年底前"]]},
        {"above": ["某区人民政府办公室文件"], "widths": widths,
         "rows": [["2", "完善知识产权保护体系", "区市场监管局", "区司法局", "2026年"]]},
    ]))
    doc, got = table_facts(p)
    assert [t.number for t in doc.tasks] == [1, 2]
    assert (2, "区市场监管局", "lead") in got and (2, "区司法局", "support") in got


def test_table_cells_and_headers():
    from loaders.task_tables import find_header, is_header, join_wrapped

    assert join_wrapped("区经济和信\n息化局") == "区经济和信息化局"
    assert join_wrapped("smart\ncity 平台\n建设") == "smart city 平台建设"
    assert join_wrapped("a|b") == "a/b" and join_wrapped(None) == ""
    assert is_header(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    assert is_header(["工作事项", "责任 部门", "时限"])
    assert not is_header(["1", "建设平台", "区科委"])  # a row with a task number is data
    assert not is_header(["姓名", "电话"])  # no unit column
    assert find_header([["某区重点任务分工表", "", ""], ["", "", ""], ["序号", "任务", "责任单位"]]) == 2


def test_html_task_table_with_a_lead_merged_over_rows(tmp_path):
    html = ("<html><body><div id='zoom'><p>附件:重点任务分工表(某区科技创新平台建设方案配套)</p><table>"
            "<tr><th>序号</th><th>任务</th><th>牵头单位</th><th>配合单位</th></tr>"
            "<tr><td>1</td><td>建设孵化平台</td><td rowspan='2'>区科委</td><td>区财政局</td></tr>"
            "<tr><td>2</td><td>完善政策体系</td><td>区商务局</td></tr>"
            "<tr><td>3</td><td colspan='2'>优化营商环境(区发改委牵头)</td><td>区市场监管局</td></tr>"
            "</table></div></body></html>")
    p = tmp_path / "merged.html"
    p.write_text(html, encoding="utf-8")
    got = {(r.item.number, r.duty.unit, r.duty.role) for r in parse_document(p).responsibilities()}
    assert {(1, "区科委", "lead"), (1, "区财政局", "support"), (2, "区科委", "lead"), (2, "区商务局", "support"),
            (3, "区市场监管局", "support")} <= got


def test_a_category_column_merged_over_rows_heads_programmes_and_names_no_task(tmp_path):
    html = ("<html><body><div id='zoom'><p>某区2024年重点任务清单</p><table>"
            "<tr><th>序号</th><th>任务类别</th><th>具体任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>"
            "<tr><td>1</td><td rowspan='2'>营商环境</td><td>推行一业一证改革</td><td>区政务服务局</td>"
            "<td>区市场监管局</td><td>6月底</td></tr>"
            "<tr><td>2</td><td>压减审批时限30%</td><td>区住建委</td><td>区规自分局</td><td>9月底</td></tr>"
            "<tr><td>3</td><td>民生保障</td><td>新增养老床位200张</td><td>区民政局</td><td>各街道办事处</td><td>12月底</td></tr>"
            "</table></div></body></html>")
    p = tmp_path / "categories.html"
    p.write_text(html, encoding="utf-8")
    doc = parse_document(p)
    assert [t.title for t in doc.tasks] == ["推行一业一证改革", "压减审批时限30%", "新增养老床位200张"]
    assert [(doc.programmes[t.programme].title if t.programme is not None else None) for t in doc.tasks] == [
        "营商环境", "营商环境", "民生保障"]
    assert [(p.seq, p.title) for p in doc.programmes] == [(1, "营商环境"), (2, "民生保障")]


def test_csv_with_bom_and_tabs(tmp_path):
    p = tmp_path / "tabs.csv"
    p.write_bytes("\ufeff序号\t工作任务\t责任单位\t时限\n1\t建设孵化平台\t区科委、区财政局\t2025年上半年\n".encode("utf-8"))
    doc, got = table_facts(p)
    assert got == {(1, "区科委", "lead"), (1, "区财政局", "support")}
    assert doc.tasks[0].deadline == "2025-06-30"


def test_html_task_text_that_names_a_host_and_technical_support_stays(tmp_path):
    task = "1.鼓励主办单位为参赛企业提供技术支持和高分辨率影像服务。(责任单位:区科委、区财政局)"
    html = ("<html><body><div id='zoom'><p>某区创新创业大赛工作方案</p><p>一、重点任务</p>"
            f"<p>{task}</p></div><div>主办单位:某区人民政府办公室 版权所有</div></body></html>")
    p = tmp_path / "task.html"
    p.write_text(html, encoding="utf-8")
    doc = parse_document(p)
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("区科委", "lead"), ("区财政局", "support")]
    assert "版权所有" not in doc.text.text


def test_html_page_date_line_stays_out_of_the_last_task(tmp_path):
    html = ("<html><head><meta name='PubDate' content='2024-03-16'></head><body><div id='zoom'><p>某区方案</p>"
            "<p>一、重点任务</p><p>1.建设孵化平台,推动园区与企业协同发展。(责任单位:区科委、区财政局)</p>"
            "<p>2.完善政策体系,推动园区与企业协同发展。(责任单位:区科委)</p></div></body></html>")
    p = tmp_path / "last.html"
    p.write_text(html, encoding="utf-8")
    doc = parse_document(p)
    assert doc.facts.published_on == "2024-03-16"
    assert doc.tasks[-1].text.endswith("(责任单位:区科委)") and doc.tasks[-1].deadline == ""


def test_office_file_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    import openpyxl

    from loaders import formats

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["1", "建设孵化平台" * 200, "区科委", "区财政局", "2025年"])
    p = tmp_path / "big.xlsx"
    book.save(p)
    monkeypatch.setattr(formats, "MAX_UNPACKED", 2000)
    with pytest.raises(TooLarge, match="unpacks to"):
        parse_document(p)


def test_pdf_over_the_page_limit_is_refused(tmp_path, monkeypatch):
    from loaders import formats

    monkeypatch.setattr(formats, "MAX_PDF_PAGES", 2)
    p = tmp_path / "long.pdf"
    p.write_bytes(make_pdf([PLAN, PLAN, PLAN]))
    with pytest.raises(TooLarge, match="3 pages"):
        parse_document(p)


def _word_numbered_docx(items) -> bytes:
    """A .docx whose numbers are Word's list numbering (一、 / (一) / 1.), not typed into the paragraphs' text."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        p = d.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_numbered_by_word_lists_keeps_its_structure(tmp_path):
    p = tmp_path / "lists.docx"
    p.write_bytes(_word_numbered_docx([
        (None, "某区科技创新实施方案"), (0, "重点任务"), (1, "建设创新平台"), (2, "建设中试基地。"),
        (None, "牵头单位:区科委"), (None, "配合单位:区财政局"), (2, "培育科技企业。(责任单位:区经信局)"),
        (1, "优化创新生态"), (2, "完善孵化服务。(区科委负责)"), (0, "保障措施"), (None, "加强组织领导。")]))
    doc = parse_document(p)
    lines = doc.text.text.splitlines()
    assert lines[1:4] == ["一、重点任务", "(一)建设创新平台", "1.建设中试基地。"]
    assert "(二)优化创新生态" in lines and "1.完善孵化服务。(区科委负责)" in lines and "二、保障措施" in lines
    # the title-only item takes the label lines under it; the numbers restart under each (一), so the tasks are
    # numbered in order
    assert [(t.number, t.title, doc.programmes[t.programme].title) for t in doc.tasks] == [
        (1, "建设中试基地", "建设创新平台"), (2, "培育科技企业", "建设创新平台"), (3, "完善孵化服务", "优化创新生态")]
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()][:2] == [("区科委", "lead"), ("区财政局", "support")]


def test_word_number_formats():
    from loaders.word_numbering import format_number

    assert [format_number(n, "chineseCounting") for n in (1, 10, 12, 20, 35)] == ["一", "十", "十二", "二十", "三十五"]
    assert [format_number(n, f) for n, f in ((3, "decimal"), (2, "ideographTraditional"), (4, "decimalEnclosedCircle"),
                                             (2, "lowerLetter"), (4, "upperRoman"), (1, "bullet"))] == [
        "3", "乙", "④", "b", "IV", ""]


def test_docx_cell_merged_across_columns_keeps_the_columns_in_place(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某区重点任务分工")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate([["序号", "任务", "牵头单位", "配合单位"], ["1", "建设孵化平台", "区科委", "区财政局"],
                             ["2", "优化营商环境(区发改委牵头)", "", "区市场监管局"]]):
        for c, cell in enumerate(row):
            t.rows[r].cells[c].text = cell
    t.rows[2].cells[1].merge(t.rows[2].cells[2])  # the task's text spans the task and lead columns
    t.rows[2].cells[1].text = "优化营商环境(区发改委牵头)"
    p = tmp_path / "merged.docx"
    buf = io.BytesIO()
    d.save(buf)
    p.write_bytes(buf.getvalue())
    doc = parse_document(p)
    assert "| 2 | 优化营商环境(区发改委牵头) |  | 区市场监管局 |" in doc.text.text
    got = [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()]
    assert (2, "区市场监管局", "support") in got and (1, "区科委", "lead") in got


def test_docx_table_with_a_two_level_header_merged_in_word(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某区重点任务分工")
    t = d.add_table(rows=3, cols=5)
    for c, name in enumerate(["序号", "重点任务", "责任单位", "", "完成时限"]):
        t.rows[0].cells[c].text = name
    t.rows[1].cells[2].text, t.rows[1].cells[3].text = "牵头", "配合"
    for c, cell in enumerate(["1", "建设孵化平台", "区科委", "区财政局、区发改委", "2024年底"]):
        t.rows[2].cells[c].text = cell
    t.rows[0].cells[2].merge(t.rows[0].cells[3])  # 责任单位 spans 牵头 and 配合
    for c in (0, 1, 4):
        t.rows[0].cells[c].merge(t.rows[1].cells[c])  # 序号, 重点任务, 完成时限 span both header rows
    buf = io.BytesIO()
    d.save(buf)
    p = tmp_path / "two-level.docx"
    p.write_bytes(buf.getvalue())
    doc = parse_document(p)
    assert [(r.item.title, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("建设孵化平台", "区科委", "lead"), ("建设孵化平台", "区财政局", "support"), ("建设孵化平台", "区发改委", "support")]


def test_docx_with_an_unreadable_numbering_part_keeps_its_text(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="x"/>'
                               '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    d.add_paragraph("某区实施方案")
    d.add_paragraph("一、重点任务")
    p = d.add_paragraph("建设孵化平台。(责任单位:区科委)")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'))
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "broken-numbering.docx"
    path.write_bytes(buf.getvalue())
    doc = parse_document(path)
    assert "建设孵化平台。(责任单位:区科委)" in doc.text.text.splitlines()
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("区科委", "lead")]
