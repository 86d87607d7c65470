"""Tests for the offline pyvis/vis-network renderer, including a real headless-Chromium run."""
import json
import os
import random
import re
import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest

from viewer.network import NODE_STYLES, ROLE_STYLES, render_network_html

CHROMIUM = "/usr/bin/chromium"
PAGE_URL = "http://127.0.0.1:9/kg.html"  # fulfilled by the test's router; no server or socket is involved
XSS_NAME = '区科委<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'

# A remote resource reference: an attribute, CSS import/url() or dynamic import whose value is an absolute or
# protocol-relative URL. Licence comments and SVG namespace strings in vis-network do not match.
REMOTE_REF = re.compile(
    r"""(?:\b(?:src|href|srcset|action|poster|data|content)\s*=\s*|@import\s*|url\(\s*|import\(\s*)"""
    r"""["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("doc", label="Document", name="关于加快推进人工智能产业高质量发展的若干措施")
    g.add_node("prog", label="Programme", name="人工智能创新发展三年行动方案")
    g.add_node("pri", label="Principle", name="坚持创新驱动", sentence="坚持创新驱动、应用牵引。")
    g.add_node("tgt", label="Target", name="到2027年产业规模突破千亿元", number="一")
    g.add_node("park", label="Park", name="张江人工智能岛")
    g.add_node("inc", label="Incubator", name="模速空间")
    g.add_node("track", label="Track", name="具身智能")
    g.add_node("ini", label="Initiative", name="算力普惠行动")
    g.add_node("sh", label="Stakeholder", name="重点企业")
    g.add_node("pol", label="Policy", name="算力券政策")
    g.add_edge("doc", "prog", type="ISSUED")
    g.add_edge("prog", "doc", type="PART_OF")
    bureaus = ["区科委", "区发改委", "区经信委", "区财政局", "区人社局", "区商务委", "区市场监管局", "区投促办"]
    for i, b in enumerate(bureaus):
        g.add_node(f"b{i}", label="Bureau", name=b)
    g.add_node("bx", label="Bureau", name=XSS_NAME)
    tasks = ["建设人工智能公共算力服务平台，降低中小企业算力使用成本", "培育人工智能领军企业", "推动大模型在政务服务中的应用",
             "支持人工智能人才引进和培养", "完善人工智能产业投融资体系", "加强数据要素市场建设", "打造人工智能应用场景示范",
             "优化人工智能企业营商环境", "推进智能网联汽车测试示范区建设"]
    for i, t in enumerate(tasks):
        g.add_node(f"t{i}", label="Task", name=t, number=str(i + 1),
                   sentence=f"（{i + 1}）{t}。由{bureaus[i % 8]}牵头，{bureaus[(i + 1) % 8]}、{bureaus[(i + 3) % 8]}配合。")
        g.add_edge(f"t{i}", "prog", type="PART_OF")
        g.add_edge(f"b{i % 8}", f"t{i}", type="RESPONSIBLE_FOR", role="lead", sentence=f"由{bureaus[i % 8]}牵头")
        g.add_edge(f"b{(i + 1) % 8}", f"t{i}", type="RESPONSIBLE_FOR", role="support")
        g.add_edge(f"b{(i + 3) % 8}", f"t{i}", type="RESPONSIBLE_FOR", role="support")
    g.add_node("m0", label="Measure", name="发放算力券")
    g.add_edge("m0", "t0", type="IMPLEMENTS")
    g.add_edge("b0", "t0", type="RESPONSIBLE_FOR", role="guide")  # parallel to the lead edge b0 → t0
    g.add_edge("bx", "t1", type="RESPONSIBLE_FOR", role="guide")
    g.add_edge("doc", "tgt", type="SETS")
    for n in ("pri", "park", "inc", "track", "ini", "sh", "pol"):
        g.add_edge("doc", n, type="MENTIONS")
    return g


def big_graph(n_nodes: int = 2000, seed: int = 0) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_node("doc", label="Document", name="区域产业政策汇编")
    programmes = [f"p{i}" for i in range(40)]
    bureaus = [f"b{i}" for i in range(80)]
    for p in programmes:
        g.add_node(p, label="Programme", name=f"专项行动方案{p}")
        g.add_edge("doc", p, type="ISSUED")
    for b in bureaus:
        g.add_node(b, label="Bureau", name=f"区第{b[1:]}委办局")
    for i in range(n_nodes - g.number_of_nodes()):
        t = f"t{i}"
        g.add_node(t, label="Task", name=f"第{i}项任务：推进重点产业项目建设和配套服务保障", sentence=f"第{i}项任务原文。")
        g.add_edge(t, rnd.choice(programmes), type="PART_OF")
        g.add_edge(rnd.choice(bureaus), t, type="RESPONSIBLE_FOR", role="lead")
        for b in rnd.sample(bureaus, rnd.randint(0, 2)):
            g.add_edge(b, t, type="RESPONSIBLE_FOR", role="support")
    return g


def embedded(html: str) -> dict:
    from viewer.network import unpack_edges

    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    data = json.loads(m.group(1))
    data["edges"] = unpack_edges(data)
    return data


# ---------------------------------------------------------------- unit tests


@pytest.mark.parametrize("kwargs", [{}, {"presentation": True}, {"hierarchical": True, "focus": "t1"}])
def test_no_remote_resource_references(kwargs):
    html = render_network_html(small_graph(), **kwargs)
    assert not REMOTE_REF.findall(html)
    assert "<link" not in html.lower()
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert "vis.Network" in html and "vis-tooltip" in html  # the library really is inlined


def test_checker_catches_pyvis_default_output():
    # Guards against a vacuous checker: pyvis' own "in_line" page still pulls Bootstrap from a CDN.
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node(1)
    assert REMOTE_REF.search(net.generate_html())


def test_node_and_edge_counts_match_graph():
    g = small_graph()
    data = embedded(render_network_html(g))
    assert len(data["nodes"]) == g.number_of_nodes()
    assert len({n["id"] for n in data["nodes"]}) == g.number_of_nodes()
    assert len(data["edges"]) == g.number_of_edges()  # multigraph parallel edges are kept


def test_role_styles_differ():
    data = embedded(render_network_html(small_graph()))
    by_label = {}
    for e in data["edges"]:
        by_label.setdefault(e.get("role"), e)
    lead, support, guide = by_label["lead"], by_label["support"], by_label["guide"]
    assert lead["width"] > support["width"] and not lead.get("dashes")
    assert support["dashes"] and guide["dashes"] and support["dashes"] != guide["dashes"]
    assert len({lead["color"], support["color"], guide["color"]}) == 3


def test_node_types_are_distinguishable():
    assert len({(c, shape) for c, shape, _ in NODE_STYLES.values()}) == len(NODE_STYLES)
    assert set(ROLE_STYLES) == {"lead", "support", "guide"}


def test_untrusted_text_is_escaped():
    html = render_network_html(small_graph())
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "\\u003cscript\\u003ewindow.__xss" in html
    # The decoded tooltip text is intact; the page inserts it with textContent.
    tips = [n["tip"] for n in embedded(html)["nodes"]]
    assert any(XSS_NAME in t for t in tips)


def test_unknown_node_type_in_legend_is_escaped():
    g = nx.MultiDiGraph()
    g.add_node(1, label="<b>Evil</b>", name="x")
    html = render_network_html(g)
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html and "<b>Evil</b>" not in html


def test_long_names_truncated_but_full_in_tooltip():
    data = embedded(render_network_html(small_graph()))
    doc = next(n for n in data["nodes"] if n["id"] == "doc")
    assert doc["label"].endswith("…") and len(doc["label"]) <= 21
    assert "关于加快推进人工智能产业高质量发展的若干措施" in doc["tip"]


def test_options():
    g = small_graph()
    # positions are computed before drawing in both layouts: no physics, every node placed
    for kwargs in ({}, {"hierarchical": True, "focus": "t1"}):
        data = embedded(render_network_html(g, **kwargs))
        assert data["options"]["physics"]["enabled"] is False and not data["physics"]
        assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
        assert len({(n["x"], n["y"]) for n in data["nodes"]}) == g.number_of_nodes()  # no two on one spot
    hier = embedded(render_network_html(g, hierarchical=True, focus="t1"))
    assert hier["focus"] == "t1"
    x = {n["id"]: n["x"] for n in hier["nodes"]}
    assert x["doc"] < x["prog"] < x["t1"] < x["b0"] < x["park"]  # plan → programme → task → bureau → others
    pres = render_network_html(g, presentation=True)
    assert "height: 1000px" in pres and embedded(pres)["options"]["nodes"]["font"]["size"] > 14
    with pytest.raises(ValueError):
        render_network_html(g, focus="nope")
    with pytest.raises(ValueError):
        render_network_html(g, height="1px;}</style><script>")


# ---------------------------------------------------------------- real browser


@pytest.fixture(scope="module")
def browser():
    missing = None
    if not os.path.exists(CHROMIUM):
        missing = f"{CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            missing = "playwright not installed (pip install playwright==1.65.2; do not run `playwright install`)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run in CI: {missing}")
        pytest.skip(missing)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shot_dir():
    path = Path(tempfile.mkdtemp(prefix="kg-network-shots-"))
    print(f"\nscreenshots in {path}")
    return path


def open_offline(browser, html: str, viewport=(1400, 900)):
    """Load `html` with every other request aborted and recorded; return (page, outside_requests, seconds)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    page = context.new_page()
    outside = []

    def route(r):
        url = r.request.url
        if url == PAGE_URL:
            r.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        elif url.startswith(("about:", "data:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    def seen(url):  # second net for anything the router does not handle (e.g. websockets)
        if url != PAGE_URL and not url.startswith(("about:", "data:")) and url not in outside:
            outside.append(url)

    context.route("**/*", route)
    page.on("request", lambda req: seen(req.url))
    page.on("websocket", lambda ws: seen(ws.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(PAGE_URL)
    page.wait_for_function("document.body.dataset.networkReady === '1'", timeout=180_000)
    elapsed = time.perf_counter() - start
    assert not errors, errors
    return page, outside, elapsed


def painted_pixels(page) -> dict:
    return page.evaluate("""() => {
        const c = document.querySelector('#kg-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) painted++;
        return {painted, total: c.width * c.height};
    }""")


def hover_node(page, node_id):
    pos = page.evaluate("""(id) => {
        const p = window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions([id])[id]);
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y};
    }""", node_id)
    page.mouse.move(pos["x"] + 30, pos["y"] + 30)
    page.mouse.move(pos["x"], pos["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    return tip.inner_text()


@pytest.mark.parametrize("name,kwargs", [
    ("small", {}),
    ("small-presentation", {"presentation": True, "focus": "t0"}),
    ("small-hierarchical", {"hierarchical": True}),
])
def test_browser_small_graph(browser, shot_dir, name, kwargs):
    g = small_graph()
    page, outside, elapsed = open_offline(browser, render_network_html(g, **kwargs))
    print(f"\n{name}: {g.number_of_nodes()} nodes ready in {elapsed:.2f}s")
    px = painted_pixels(page)
    assert px["painted"] > 0.01 * px["total"], px
    assert page.evaluate("window.kgNetwork.body.data.nodes.length") == g.number_of_nodes()
    assert page.locator("#kg-legend").is_visible()
    legend = page.locator("#kg-legend").inner_text()
    assert "单位 Bureau" in legend and "牵头" in legend and "配合" in legend
    page.wait_for_timeout(300)  # let the last frame reach the compositor before the screenshot
    shot = shot_dir / f"{name}.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    if name == "small":
        text = hover_node(page, "bx")
        assert "<script>window.__xss=1</script>" in text and "单位 · Bureau" in text
        text = hover_node(page, "t0")
        assert "原文：（1）建设人工智能公共算力服务平台" in text
        page.screenshot(path=str(shot_dir / "small-tooltip.png"))
        print(f"screenshot: {shot_dir / 'small-tooltip.png'}")
    assert page.evaluate("window.__xss") is None
    if kwargs.get("focus"):
        assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [kwargs["focus"]]
    assert outside == [], f"outside requests attempted: {outside}"
    page.context.close()


def test_browser_2000_nodes(browser, shot_dir):
    g = big_graph(2000)
    t0 = time.perf_counter()
    html = render_network_html(g)
    render_s = time.perf_counter() - t0
    page, outside, elapsed = open_offline(browser, html)
    print(f"\n2000 nodes / {g.number_of_edges()} edges: render_network_html {render_s:.2f}s, "
          f"{len(html) / 1e6:.1f} MB, browser ready in {elapsed:.2f}s")
    px = painted_pixels(page)
    assert px["painted"] > 0.01 * px["total"], px
    assert page.evaluate("window.kgNetwork.body.data.nodes.length") == 2000
    # Physics must be off, or the page keeps burning CPU on the projector laptop.
    assert page.evaluate("window.kgNetwork.physics.physicsEnabled") is False
    shot = shot_dir / "big-2000.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert outside == [], f"outside requests attempted: {outside}"
    assert elapsed < 60
    page.context.close()


def test_responsibility_perspective_hides_other_types_until_toggled():
    g = small_graph()
    data = embedded(render_network_html(g, hierarchical=True, show_types=["Document", "Programme", "Task", "Bureau"]))
    hidden = {n["ntype"] for n in data["nodes"] if n["hidden"]}
    shown = {n["ntype"] for n in data["nodes"] if not n["hidden"]}
    assert shown == {"Document", "Programme", "Task", "Bureau"} and "Park" in hidden and "Track" in hidden
    html = render_network_html(g, show_types=["Task"])
    assert 'data-type="Park">' in html and 'data-type="Task" checked>' in html
    assert '(9)' in html  # the count beside 任务 Task in the legend


def test_labels_and_click_targets():
    from viewer.network import node_label, profile_href

    assert node_label({"label": "Bureau", "short_name": "区科委", "name": "北京市某区科学技术委员会"}, "b") == "区科委"
    assert node_label({"label": "Task", "number": 12, "title": "打造金牌创业导师队伍并持续扩大"}, "t").startswith("12. 打造")
    assert "\n" not in node_label({"label": "Task", "number": 3, "title": "甲乙丙丁戊己庚辛壬癸子丑"}, "t")
    assert profile_href("bureau/区 科委", {"label": "Bureau"}) == "./?page=profiles&kind=bureau&id=bureau%2F%E5%8C%BA%20%E7%A7%91%E5%A7%94"
    assert profile_href("x", {"label": "Track"}) == "./?page=map&focus=x"


def test_big_graph_layout_is_quick():
    g = big_graph(2000)
    t0 = time.perf_counter()
    render_network_html(g)
    assert time.perf_counter() - t0 < 5


def test_browser_empty_graph_still_signals_ready(browser):
    # No nodes means no stabilisation events; the ready flag must not depend on them.
    page, outside, _ = open_offline(browser, render_network_html(nx.MultiDiGraph()))
    assert outside == []
    page.context.close()
