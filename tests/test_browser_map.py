"""The map at 1920×1080 in headless Chromium, offline: legible at first sight, a canvas that fills the screen in
presentation mode, clicks that open profiles, focus by name, and PNG/SVG exports carrying the plan's title.

Uses the Streamlit server of tests/test_browser.py (a temp store built from seeds/); screenshots go where that
module puts them (docs/screenshots/ with KG_UPDATE_SCREENSHOTS=1).
"""
import io
import time
from urllib.parse import parse_qs, urlparse

import pytest

from tests import test_browser
from tests.browser import offline_page
from tests.test_browser import SHOTS, playwright_api, wait_app

server = test_browser.server  # the same fixture: Streamlit on a temp store built from seeds/

VIEWPORT = {"width": 1920, "height": 1080}
RESPONSIBILITY = {"Document", "Policy", "Programme", "Task", "Bureau"}


@pytest.fixture(scope="module")
def page(server):
    with offline_page(playwright_api, viewport=VIEWPORT, accept_downloads=True) as p:
        yield p


def open_map(page, base, query=""):
    page.goto(f"{base}/?page=map{query}")
    wait_app(page)
    iframe = page.locator('[data-testid="stIFrame"]').last
    iframe.wait_for(timeout=30_000)
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    frame.wait_for_function("() => document.body && document.body.dataset.networkReady === '1'", timeout=30_000)
    return iframe, frame


def node_screen_position(page, iframe, frame, node_id):
    p = frame.evaluate("""(id) => { const n = window.kgNetwork;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", node_id)
    box = iframe.bounding_box()
    return box["x"] + p["x"], box["y"] + p["y"]


def seed_ids(seed_store, short):
    return seed_store.run("MATCH (b:Bureau) WHERE b.short_name = $s RETURN b.id AS id", {"s": short})[0]["id"]


def test_default_map_is_the_responsibility_view_with_legible_labels(server, page, seed_store):
    iframe, frame = open_map(page, server)
    SHOTS.mkdir(parents=True, exist_ok=True)
    drawn = frame.evaluate("""() => { const ds = window.kgNetwork.body.data.nodes;
        return ds.get({filter: n => !n.hidden}).map(n => n.ntype); }""")
    assert set(drawn) == RESPONSIBILITY
    assert drawn.count("Task") == seed_store.run("MATCH (t:Task) RETURN count(t) AS c")[0]["c"]
    # a label's on-screen size at the initial zoom: the font size times the network's scale
    label_px = frame.evaluate("window.kgNetwork.getScale() * window.kgNetwork.body.nodes[Object.keys("
                              "window.kgNetwork.body.nodes)[0]].options.font.size")
    assert label_px >= 12, f"labels drawn at {label_px:.1f}px"
    # every drawn node is inside the canvas (the fit), and the canvas starts on the first screen
    box = iframe.bounding_box()
    assert box["y"] < 400 and box["y"] + box["height"] <= VIEWPORT["height"] + 40
    outside = frame.evaluate("""() => { const n = window.kgNetwork, w = document.getElementById('kg-network');
        const ids = n.body.data.nodes.getIds({filter: x => !x.hidden}); const pos = n.getPositions(ids);
        return ids.filter(i => { const p = n.canvasToDOM(pos[i]);
            return p.x < 0 || p.y < 0 || p.x > w.clientWidth || p.y > w.clientHeight; }).length; }""")
    assert outside == 0
    # the first frame is final: nothing moves afterwards
    before = frame.evaluate("JSON.stringify(window.kgNetwork.getPositions())")
    time.sleep(1.0)
    assert frame.evaluate("JSON.stringify(window.kgNetwork.getPositions())") == before
    # the legend counts each type and turns the others on
    legend = frame.locator("#kg-legend").inner_text()
    n_tracks = seed_store.run("MATCH (t:Entity {kind: 'Track'}) RETURN count(t) AS c")[0]["c"]
    assert f"赛道 Track ({n_tracks})" in legend
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "map.png"))
    frame.locator('#kg-legend input[data-type="Track"]').check()
    shown = frame.evaluate("window.kgNetwork.body.data.nodes.get({filter: n => !n.hidden && n.ntype === 'Track'})"
                           ".length")
    assert shown == n_tracks


def test_presentation_gives_the_canvas_the_screen(server, page):
    iframe, frame = open_map(page, server, "&present=1")
    page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]'); if (m) m.scrollTo(0, 0); }")
    page.wait_for_timeout(300)
    box = iframe.bounding_box()
    visible_h = min(box["y"] + box["height"], VIEWPORT["height"]) - max(box["y"], 0)
    visible_w = min(box["x"] + box["width"], VIEWPORT["width"]) - max(box["x"], 0)
    share = visible_h * visible_w / (VIEWPORT["width"] * VIEWPORT["height"])
    assert share >= 0.8, f"the canvas has {share:.0%} of the screen"
    assert frame.evaluate("window.kgLabelPx") >= 18  # for the back of the room
    page.screenshot(path=str(SHOTS / "presentation.png"))


def test_clicking_a_bureau_opens_its_profile(server, page, seed_store):
    bid = seed_ids(seed_store, "区科委")
    iframe, frame = open_map(page, server)
    x, y = node_screen_position(page, iframe, frame, bid)
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: "profiles" in url, timeout=30_000)
    wait_app(page)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("kind") == ["bureau"] and query.get("id") == [bid]
    page.get_by_text("区科委 · 北京市石景山区科学技术委员会").first.wait_for(timeout=30_000)


def test_focus_by_name_in_the_url(server, page, seed_store):
    bid = seed_ids(seed_store, "区科委")
    iframe, frame = open_map(page, server, "&focus=区科委")
    assert frame.evaluate("window.kgNetwork.getSelectedNodes()") == [bid]
    n_tasks = seed_store.run("MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task) WHERE b.id = $id "
                             "RETURN count(DISTINCT t) AS c", {"id": bid})[0]["c"]
    drawn = frame.evaluate("window.kgNetwork.body.data.nodes.get({filter: n => !n.hidden && n.ntype === 'Task'})"
                           ".length")
    assert drawn == n_tasks
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "map-focused-bureau.png"))


def test_png_and_svg_exports_carry_the_title_filters_and_legend(server, page, seed_store):
    from xml.etree import ElementTree

    from PIL import Image

    title = seed_store.run("MATCH (d:Document) RETURN d.title AS t")[0]["t"]
    iframe, frame = open_map(page, server, "&role=lead")
    with page.expect_download(timeout=30_000) as dl:
        frame.locator("#kg-png").click()
    png = open(dl.value.path(), "rb").read()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width >= 1000 and image.info.get("Title") == title
    # the header band above the map is drawn (title, filters, legend): it is not blank
    band = image.convert("L").crop((0, 0, image.width // 2, 60))
    assert band.getextrema()[0] < 128
    with page.expect_download(timeout=30_000) as dl:
        frame.locator("#kg-svg").click()
    svg = ElementTree.fromstring(open(dl.value.path(), "rb").read())
    texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert svg.find("{http://www.w3.org/2000/svg}title").text == title and title in texts
    assert any("角色" in t and "牵头" in t for t in texts)  # the filter applied
    assert any(t.startswith("单位 Bureau") for t in texts) and "区科委" in texts  # legend and labels
    assert len(list(svg.iter("{http://www.w3.org/2000/svg}path"))) > 10


def test_fengong_sheet_on_the_matrix_page_fits_the_screen(server, page, seed_store):
    page.goto(f"{server}/?page=matrix&sheet=1")
    wait_app(page)
    table = page.locator('[data-testid="kg-matrix"], table.kg-m').first
    table.wait_for(timeout=30_000)
    n_bureaus = seed_store.run("MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(:Task) RETURN count(DISTINCT b) AS c")[0]["c"]
    heads = page.locator("table.kg-m th.kg-b")
    assert heads.count() == n_bureaus
    right = heads.last.bounding_box()
    assert right["x"] + right["width"] <= VIEWPORT["width"], "the last bureau column is off screen"
    sheet = page.locator('[data-testid="stDataFrame"]').first
    sheet.wait_for(timeout=30_000)  # the 分工表, opened by sheet=1
    sheet.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "fengong.png"))
