"""Three plans in headless Chromium: the plan picker limits Ask, Map and Matrix; tasks carry their plan; profile
links by name; no page shows an English-only header, placeholder or value."""
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import SEED
from tests.browser import offline_page, serve_app
from tests.test_browser import wait_app

playwright_api = pytest.importorskip("playwright.sync_api")
DATA = Path(__file__).resolve().parent / "data"
PAGES = ["ask", "map", "matrix", "timeline", "supervision", "profiles", "console"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document

    docs = [parse_document(p) for p in (SEED, DATA / "second-plan.txt", DATA / "other-district-plan.txt")]
    g = build_graph(docs)
    path = tmp_path_factory.mktemp("plans-browser") / "graph.lbug"
    with LadybugStore(path) as store:
        store.write(g, [d.doc_id for d in docs])
    return path, g


@pytest.fixture(scope="module")
def server(plans, tmp_path_factory):
    path, _ = plans
    with serve_app(path, tmp_path_factory.mktemp("streamlit-plans") / "server.log") as base:
        yield base


@pytest.fixture(scope="module")
def page(server):
    with offline_page(playwright_api, viewport={"width": 1920, "height": 1080}) as p:
        yield p


def docs_of(g):
    return {a.get("title"): n for n, a in g.nodes(data=True) if a.get("label") == "Document"}


def main_text(page) -> str:
    """Everything a person reads on the page: the main area, the sidebar, and the cells the grid tables draw
    (their accessible table, which mirrors the canvas)."""
    page.wait_for_timeout(500)
    return page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stSidebar"]')].map(e => e.innerText).join('\\n')""")


def grid_cells(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stDataFrame"] [role="columnheader"],'
        + '[data-testid="stDataFrame"] [role="gridcell"]')].map(e => e.innerText.trim()).filter(Boolean)""")


def pick_plan(page, title: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.click()
    page.get_by_role("option", name=re.compile(re.escape(title))).click()
    page.keyboard.press("Escape")
    wait_app(page)


def test_the_plan_picker_limits_ask_map_and_matrix(server, page, plans):
    _, g = plans
    other = next(t for t in docs_of(g) if "浦江区" in t)
    other_id = docs_of(g)[other]
    page.goto(f"{server}/?page=ask&q={quote('第1项任务谁牵头')}")
    wait_app(page)
    page.get_by_text("第1项任务 · 牵头 · 3 个单位").first.wait_for(timeout=30_000)  # task 1 of each plan
    assert "分属 3 个方案" in main_text(page)
    pick_plan(page, other)
    page.get_by_text("第1项任务 · 牵头 · 1 个单位").first.wait_for(timeout=30_000)
    assert f"plan={other_id}" in page.url
    # the scope stays when the page changes, and limits the map and the matrix
    page.goto(f"{server}/?page=map&plan={other_id}")
    wait_app(page)
    page.get_by_text("个节点").first.wait_for(timeout=30_000)
    from viewer.subgraph import scope_graph
    shown = scope_graph(g, [other_id]).number_of_nodes()
    assert f"显示 {shown} 个节点" in main_text(page)
    page.goto(f"{server}/?page=matrix&plan={other_id}")
    wait_app(page)
    tasks = sum(1 for _, a in g.nodes(data=True) if a.get("label") == "Task" and a.get("document") == other_id)
    page.get_by_text(f"{tasks} 项任务 tasks").first.wait_for(timeout=30_000)


def test_task_numbers_are_qualified_by_plan(server, page, plans):
    _, g = plans
    page.goto(f"{server}/?page=profiles&kind=task")
    wait_app(page)
    page.locator('[data-testid="stSelectbox"]').first.wait_for(timeout=30_000)
    page.locator('[data-testid="stSelectbox"]').last.click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    numbers = {a.get("doc_number") for _, a in g.nodes(data=True) if a.get("label") == "Document"}
    firsts = [o for o in options if re.search(r"· 1\. ", o)]
    assert len(firsts) == 3 and {o.split(" · ")[0] for o in firsts} == numbers, options


def test_profile_link_by_name_opens_that_bureau(server, page):
    for name, full in (("园区管委会", "中关村科技园区石景山园管理委员会"), ("区经信局", "北京市石景山区经济和信息化局")):
        page.goto(f"{server}/?page=profiles&id={quote(name)}")
        wait_app(page)
        page.get_by_text(f"· {full}").first.wait_for(timeout=30_000)


ENGLISH_ONLY = re.compile(r"^[^\u4e00-\u9fff]*[A-Za-z]{3,}[^\u4e00-\u9fff]*$")
RAW_NAMES = re.compile(r"\b(full_name|short_name|doc_number|document|jurisdiction|Task|Bureau|responsible for|"
                       r"Choose options?)\b")


@pytest.mark.parametrize("name", PAGES)
def test_no_english_only_text_on_any_page(server, page, name):
    queries = {"ask": "&q=" + quote("区科委配合哪些任务"), "profiles": "&id=" + quote("园区管委会"),
               "console": "&run=1&cypher=" + quote("MATCH (b:Bureau) RETURN b.short_name AS bureau, "
                                                      "b.jurisdiction AS jurisdiction")}
    page.goto(f"{server}/?page={name}{queries.get(name, '')}")
    wait_app(page)
    page.locator('[data-testid="stHeading"]').first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    lines = [x.strip() for x in main_text(page).splitlines() if x.strip()]
    lines += grid_cells(page)
    lines += page.evaluate("""() => [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
                                   .map(e => e.placeholder)""")
    icons = re.compile(r"^[a-z]+(_[a-z]+)+$")  # Material icon ligatures (keyboard_arrow_right) draw as icons
    english = [x for x in lines if ENGLISH_ONLY.match(x) and not icons.match(x) and not x.startswith(("MATCH", "http"))]
    # a raw name alone is what a person cannot read; beside its Chinese (任务 Task, 辖区 jurisdiction) it is a gloss
    raw = [x for x in lines if RAW_NAMES.search(x) and not re.search(r"[\u4e00-\u9fff]", x)]
    assert not english, english[:10]
    assert not raw, raw[:10]
