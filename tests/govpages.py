"""Six invented government web pages around one plan body, in the layouts such sites use, for the HTML reader.

Each page is (name, html, chrome): `chrome` holds strings of the page around the article (menus, breadcrumbs,
sidebars, footers, share bars) that must not reach the text. `python -m tests.govpages` measures the project's
article extraction against readability-lxml on them.
"""
from __future__ import annotations

TITLE = "某区关于加快科技创新平台建设的实施方案"
BODY = [
    "为加快建设科技创新平台,推动产业高质量发展,制定本方案。",
    "一、主要目标",
    "到2026年,建成科技创新平台10个以上,新增高新技术企业50家以上。",
    "二、重点任务",
    "(一)建设创新平台",
    "1.布局建设一批新型研发机构,支持龙头企业牵头组建创新联合体。(责任单位:区科委、区财政局)",
    "2.完善平台运营机制,2025年底前出台绩效评价办法。(牵头单位:区发展改革委;配合单位:区商务局、区市场监管局)",
    "(二)优化服务体系",
    "3.建立科技服务专员制度,为企业提供全流程服务。(责任单位:区科委、区人力资源社会保障局)",
    "三、保障措施",
    "各责任单位要加强组织领导,明确责任分工,确保各项任务落到实处。",
]
FACTS = [(1, "区科委", "lead"), (1, "区财政局", "support"), (2, "区发展改革委", "lead"), (2, "区商务局", "support"),
         (2, "区市场监管局", "support"), (3, "区科委", "lead"), (3, "区人力资源社会保障局", "support")]

NEWS = ["区领导调研重点企业科技创新工作并召开座谈会", "我区召开优化营商环境工作推进会部署下一阶段重点工作",
        "区政府常务会议研究部署安全生产和防汛工作", "全区科技创新大会召开表彰一批优秀创新企业和个人"]
FOOTER = ["主办单位:某区人民政府办公室", "版权所有", "网站标识码1101070001", "京公网安备11010702000001号",
          "联系我们", "网站地图"]


def _ps(lines, tag="p"):
    return "".join(f"<{tag}>{line}</{tag}>" for line in lines)


def _news_list(cls="list"):
    return f"<ul class='{cls}'>" + "".join(f"<li><a href='#'>{n}</a><span>2024-03-0{i}</span></li>"
                                           for i, n in enumerate(NEWS, 1)) + "</ul>"


def nested_tables() -> tuple[str, str, list[str]]:
    """An older site: the whole page a layout table, menu column on the left, the article a table cell."""
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}_某区人民政府</title></head><body>"
            "<table width='1000'><tr><td colspan='2'><img src='logo.png'>某区人民政府门户网站"
            "<a>首页</a><a>政务公开</a><a>政务服务</a><a>互动交流</a></td></tr>"
            "<tr><td width='220' valign='top'><table><tr><td>政务公开</td></tr>"
            "<tr><td><a>政策文件</a></td></tr><tr><td><a>规划计划</a></td></tr><tr><td><a>人事信息</a></td></tr>"
            "<tr><td>热点新闻</td></tr>" + "".join(f"<tr><td><a>{n}</a></td></tr>" for n in NEWS) + "</table></td>"
            "<td valign='top'><table><tr><td class='bt'>" + TITLE + "</td></tr>"
            "<tr><td>发布日期:2024-03-15 来源:区政府办 浏览次数:1024</td></tr>"
            "<tr><td><div id='zoom'>" + _ps(BODY) + "</div></td></tr>"
            "<tr><td>【打印本页】【关闭窗口】</td></tr></table></td></tr>"
            "<tr><td colspan='2'>" + " ".join(FOOTER) + "</td></tr></table></body></html>")
    return "nested-tables", html, ["政策文件", "规划计划", NEWS[0], "打印本页", FOOTER[0], "浏览次数"]


def modern_divs() -> tuple[str, str, list[str]]:
    """A current site: header, breadcrumb, article, a sidebar of long headlines, related files, footer."""
    html = (f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body>"
            "<div class='header'><div class='top-nav'><a>首页</a><a>机构</a><a>政务公开</a><a>办事服务</a></div></div>"
            "<div class='location'>当前位置:<a>首页</a> &gt; <a>政务公开</a> &gt; <a>政策文件</a></div>"
            "<div class='main'><div class='left-con'>"
            f"<h1 class='article-title'>{TITLE}</h1>"
            "<div class='article-info'>发布时间:2024-03-15 字号:[大 中 小]</div>"
            "<div class='article-con'><div class='TRS_Editor'>" + _ps(BODY) + "</div></div>"
            "<div class='xgwj'><h3>相关文件</h3><ul><li><a>关于印发某区科技创新三年行动计划的通知</a></li>"
            "<li><a>某区促进高新技术企业发展的若干措施解读</a></li></ul></div></div>"
            "<div class='right-con'><h3>热点新闻</h3>" + _news_list() + "</div></div>"
            "<div class='bottom'>" + _ps(FOOTER) + "</div></body></html>")
    return "modern-divs", html, ["当前位置", "相关文件", NEWS[1], "字号", FOOTER[2], "办事服务"]


def disclosure_table() -> tuple[str, str, list[str]]:
    """A 政府信息公开 page: a metadata table above the body, a task table inside it, attachments and a share bar."""
    meta = (("索引号", "11010700/2024-00012"), ("发文机关", "某区人民政府办公室"), ("成文日期", "2024年03月10日"),
            ("发布日期", "2024年03月15日"), ("主题分类", "科技、教育"))
    table = ("<table border='1'><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>"
             "<tr><td>4</td><td>开展创新平台绩效评价</td><td>区科委</td><td>区统计局</td><td>2026年6月底前</td></tr></table>")
    html = (f"<html><head><title>{TITLE}-政府信息公开</title></head><body>"
            "<div id='nav'><a>信息公开指南</a><a>信息公开制度</a><a>法定主动公开内容</a></div>"
            "<div class='xxgk-main'><table class='xxgk-info'>" + "".join(
                f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in meta) + "</table>"
            f"<div class='pages_content'><h2>{TITLE}</h2>" + _ps(BODY) + "<p>附件:重点任务分工表</p>" + table + "</div>"
            "<div class='fujian'>附件下载:<a>重点任务分工表.docx</a></div>"
            "<div class='share'>分享到:微信 微博</div></div>"
            "<div id='footer'>" + _ps(FOOTER) + "</div></body></html>")
    return "disclosure-table", html, ["信息公开指南", "分享到", FOOTER[3], "附件下载"]


def br_lines_in_a_cell() -> tuple[str, str, list[str]]:
    """Body lines separated by <br> inside <font> in a table cell; a sidebar with a long block of prose."""
    leader = ("区长简介:男,汉族,1970年出生,研究生学历,负责区政府全面工作,主持区政府常务会议和全体会议,分管审计、"
              "编制等方面工作,联系区人大常委会、区政协。")
    html = (f"<html><head><title>{TITLE}</title></head><body><table><tr>"
            f"<td class='sidebar'><div>领导信息</div><p>{leader}</p></td>"
            "<td><font size='3'><b>" + TITLE + "</b><br>" + "<br>".join(BODY) + "</font></td>"
            "</tr></table><div class='foot'>" + " | ".join(FOOTER) + "</div></body></html>")
    return "br-lines", html, ["区长简介", FOOTER[1]]


def body_in_several_divs() -> tuple[str, str, list[str]]:
    """The body split over sibling divs (as editors paste it), a large footer of links, no id or class on the body."""
    half = len(BODY) // 2
    links = "".join(f"<a>{name}</a>" for name in ("中国政府网", "北京市人民政府", "首都之窗", "市发展改革委",
                                                  "市科委中关村管委会", "市经济和信息化局"))
    html = (f"<html><head><title>{TITLE}</title></head><body>"
            "<div><a>首页</a> / <a>通知公告</a></div>"
            f"<div><h2>{TITLE}</h2><div>{_ps(BODY[:half])}</div><div>{_ps(BODY[half:])}</div></div>"
            f"<div class='links'>友情链接:{links}</div>"
            "<div>" + _ps(FOOTER) + "<p>建议使用1280×1024分辨率浏览本网站</p></div></body></html>")
    return "several-divs", html, ["友情链接", "首都之窗", "分辨率", FOOTER[4]]


def sidebar_longer_than_body() -> tuple[str, str, list[str]]:
    """A sidebar of interpretations and news whose text outweighs a short article."""
    short = BODY[:3] + BODY[4:7]
    aside = "".join(f"<p>{n}。{n}，相关负责人表示将持续推进有关工作，进一步提升服务水平和群众满意度。</p>"
                    for n in NEWS * 2)
    html = (f"<html><head><title>{TITLE}</title></head><body>"
            "<div class='crumbs'>您现在的位置:首页 &gt; 政策 &gt; 文件</div>"
            f"<div class='content'><div class='detail'><h1>{TITLE}</h1>{_ps(short)}</div></div>"
            f"<div class='sidebar'><h3>政策解读</h3>{aside}</div>"
            "<div class='footer'>" + _ps(FOOTER) + "</div></body></html>")
    return "sidebar-outweighs", html, ["您现在的位置", "政策解读", NEWS[2]]


PAGES = [nested_tables, modern_divs, disclosure_table, br_lines_in_a_cell, body_in_several_divs,
         sidebar_longer_than_body]


def body_of(name: str) -> list[str]:
    return BODY[:3] + BODY[4:7] if name == "sidebar-outweighs" else BODY


def readability_text(html: str) -> str:
    """The article as readability-lxml finds it, turned into lines the same way as the project's reader."""
    import lxml.html
    from readability import Document

    from loaders.formats import _html_lines

    summary = Document(html).summary(html_partial=True)
    return "\n".join(_html_lines(lxml.html.fragment_fromstring(summary, create_parent="div")))


def score(text: str, name: str, chrome: list[str]) -> tuple[float, int]:
    """(share of the body's lines found in `text`, number of chrome strings that leaked into it)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    body = [unicodedata.normalize("NFKC", line) for line in body_of(name)]
    found = sum(1 for line in body if line in text)
    leaked = sum(1 for c in chrome if unicodedata.normalize("NFKC", c) in text)
    return found / len(body), leaked


def main() -> None:
    import time

    from loaders.errors import DocumentError
    from loaders.formats import read_html

    print(f"{'page':20} {'project: body, leaks, ms':>26} {'readability-lxml: body, leaks, ms':>36}")
    for make in PAGES:
        name, html, chrome = make()
        row = []
        for reader in (lambda h: read_html(h.encode("utf-8"), name).text, readability_text):
            t0 = time.perf_counter()
            try:
                text = reader(html)
            except DocumentError:
                text = ""
            ms = (time.perf_counter() - t0) * 1000
            body, leaked = score(text, name, chrome)
            row.append(f"{body:6.0%} {leaked:3d} {ms:6.1f}")
        print(f"{name:20} {row[0]:>26} {row[1]:>36}")


if __name__ == "__main__":
    main()
