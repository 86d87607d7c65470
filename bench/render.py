"""Time to first render of the map in headless Chromium (Debian's /usr/bin/chromium, driven by playwright)."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import networkx as nx

CHROMIUM = "/usr/bin/chromium"
PAGE_URL = "http://127.0.0.1:9/map.html"  # answered by the route below; nothing listens there
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def graph_of_size(folder: Path, min_nodes: int) -> nx.MultiDiGraph:
    """The graph of as many synthetic plans as it takes to reach `min_nodes` nodes."""
    from graph.build import build_graph
    from loaders.parse import parse_document

    docs = []
    for path in sorted(folder.glob("plan-*.txt")):
        docs.append(parse_document(path))
        g = build_graph(docs)
        if g.number_of_nodes() >= min_nodes:
            return g
    return build_graph(docs)


def time_to_ready(browser, html: str) -> float:
    """Seconds from navigation until the page says the network has drawn (document.body.dataset.networkReady)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, service_workers="block")
    page = context.new_page()

    def route(r):
        if r.request.url == PAGE_URL:
            r.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        else:
            r.abort()  # offline, as in the meeting room

    context.route("**/*", route)
    start = time.perf_counter()
    page.goto(PAGE_URL)
    page.wait_for_function("document.body.dataset.networkReady === '1'", timeout=300_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def bench_render(corpus: Path, seed_graph: nx.MultiDiGraph, repeats: int = 3, big_nodes: int = 2000) -> dict:
    """Median time to first render at 1920×1080 for an empty graph (the baseline: page and vis-network start-up),
    the seed and a graph of at least `big_nodes` nodes: as the Map page draws them (layered, the responsibility
    types), with every type drawn, and in the force layout (computed in Python, like the layered one)."""
    from playwright.sync_api import sync_playwright

    from viewer.network import RESPONSIBILITY_TYPES, render_network_html

    big = graph_of_size(corpus, big_nodes)
    map_view = {"hierarchical": True, "show_types": RESPONSIBILITY_TYPES, "height": "760px"}
    cases = {"empty graph (baseline)": (nx.MultiDiGraph(), {}),
             f"seed ({seed_graph.number_of_nodes()} nodes), map view": (seed_graph, map_view),
             f"{big.number_of_nodes()} nodes, map view": (big, map_view),
             f"seed ({seed_graph.number_of_nodes()} nodes), every type": (seed_graph, {"hierarchical": True}),
             f"seed ({seed_graph.number_of_nodes()} nodes), force layout": (seed_graph, {}),
             f"{big.number_of_nodes()} nodes, every type": (big, {"hierarchical": True})}
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for name, (g, kw) in cases.items():
                started = time.perf_counter()
                html = render_network_html(g, **kw)
                layout_s = time.perf_counter() - started  # positions and page, in Python
                times = [time_to_ready(browser, html) for _ in range(repeats)]
                out[name] = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "html_kb": len(html) / 1e3,
                             "median_s": statistics.median(times), "runs_s": times, "python_s": layout_s}
        finally:
            browser.close()
    base = out["empty graph (baseline)"]["median_s"]
    for v in out.values():
        v["vs_baseline"] = v["median_s"] / base if base else None
    return out
