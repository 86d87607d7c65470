"""A map of thousands of edges in headless Chromium: its edges are drawn on the canvas (not as vis objects, which
made the first render slow), they are really drawn, they follow the legend, and the SVG export carries them."""
import json
from xml.etree import ElementTree

import pytest

from tests.browser import offline_page, playwright_or_skip

playwright_api = playwright_or_skip()

SVG = "{http://www.w3.org/2000/svg}"
INK = """() => { const c = document.querySelector('#kg-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 0; i < d.length; i += 16) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; }
  return n; }"""


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    from bench.synth import write_corpus
    from graph.build import build_graph
    from loaders.parse import parse_document

    folder = tmp_path_factory.mktemp("plans")
    write_corpus(folder, 12)
    return build_graph(parse_document(p) for p in sorted(folder.glob("plan-*.txt")))


def open_page(page, html):
    page.set_content(html, wait_until="load")
    page.wait_for_function("() => document.body.dataset.networkReady === '1'", timeout=60_000)


def test_thousands_of_edges_are_drawn_on_the_canvas_and_follow_the_legend(big_graph):
    from viewer.network import CANVAS_EDGES_OVER, RESPONSIBILITY_TYPES, render_network_html, unpack_edges

    html = render_network_html(big_graph, hierarchical=True, show_types=RESPONSIBILITY_TYPES, title="大图")
    with offline_page(playwright_api, viewport={"width": 1920, "height": 1080}, accept_downloads=True) as page:
        open_page(page, html)
        on_canvas = page.evaluate("window.kgCanvasEdges()")
        assert on_canvas > CANVAS_EDGES_OVER
        assert page.evaluate("window.kgNetwork.body.data.edges.length") == 0  # none built as vis objects
        # the page holds what Python sent: every edge between two drawn nodes is on the canvas
        data = json.loads(html.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0])
        shown = {n["id"] for n in data["nodes"] if not n.get("hidden")}
        want = [e for e in unpack_edges(data) if e["from"] in shown and e["to"] in shown]
        assert on_canvas == len(want)
        ink = page.evaluate(INK)
        # hide the bureaus: their responsibility lines leave the canvas and the picture
        page.locator('#kg-legend input[data-type="Bureau"]').uncheck()
        page.wait_for_timeout(300)
        fewer = page.evaluate("window.kgCanvasEdges()")
        assert fewer < on_canvas
        page.locator('#kg-legend input[data-type="Bureau"]').check()
        page.wait_for_timeout(300)
        assert page.evaluate("window.kgCanvasEdges()") == on_canvas
        assert abs(page.evaluate(INK) - ink) < ink * 0.05
        with page.expect_download(timeout=30_000) as dl:
            page.locator("#kg-svg").click()
        svg = ElementTree.fromstring(open(dl.value.path(), "rb").read())
        drawn = [e for e in want if not e.get("hidden")]
        assert len(list(svg.iter(f"{SVG}path"))) == len(drawn)


def test_a_small_map_keeps_vis_edges_with_their_tooltips():
    import networkx as nx

    from viewer.network import render_network_html

    g = nx.MultiDiGraph()
    g.add_node("d", label="Document", id="d", name="方案")
    g.add_node("t", label="Task", id="t", name="任务一", number=1)
    g.add_node("b", label="Bureau", id="b", name="区科委", short_name="区科委")
    g.add_edge("t", "d", key="PART_OF", type="PART_OF")
    g.add_edge("b", "t", key="RESPONSIBLE_FOR:lead", type="RESPONSIBLE_FOR", role="lead", sentence="区科委牵头")
    with offline_page(playwright_api, viewport={"width": 1920, "height": 1080}) as page:
        open_page(page, render_network_html(g, hierarchical=True))
        assert page.evaluate("window.kgCanvasEdges()") == 0
        assert page.evaluate("window.kgNetwork.body.data.edges.length") == 2
