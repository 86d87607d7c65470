"""Render the responsibility graph as one self-contained, offline interactive HTML page, laid out before drawing."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import networkx as nx
import pyvis
from jinja2.utils import htmlsafe_json_dumps

from graph.model import DERIVED_RELS
from viewer.vocabulary import NODE_STYLES, OTHER_STYLE as _FALLBACK_STYLE, ROLE_STYLES

# pyvis ships vis-network inside its wheel; its own templates still point at CDNs, so we inline these.
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
              '"Microsoft YaHei", "PingFang SC", sans-serif')

_LABEL_INSIDE = {"box", "ellipse"}  # vis draws these labels on the node fill, so text must contrast with it
# In columns a dot's label (drawn under it) would run into the next row: items are boxes there, in a light fill
# of their type's colour with its colour as the border.
_BOXED_IN_COLUMNS = {"Task": "#CFE4F4", "Measure": "#DDF0FB"}

_RESPONSIBLE = "RESPONSIBLE_FOR"

# The responsibility perspective: plan → programmes → tasks → bureaus; every other type is toggled on in the legend.
RESPONSIBILITY_TYPES = ("Document", "Policy", "Programme", "Task", "Bureau")

# Layered layout columns, left to right.
_LEVELS = {"Document": 0, "Policy": 0, "Programme": 1, "Initiative": 1, "Task": 2, "Measure": 2, "Principle": 2,
           "Bureau": 3}
_OTHER_LEVEL = 4

# The nominal canvas the layout is computed for (a 1920×1080 screen less the page's margins): at fit zoom the
# scale is then about 1, so a label drawn at `font` px is read at `font` px.
_CANVAS = {False: (1300.0, 560.0), True: (1400.0, 800.0)}
_FORCE_MAX_NODES = 400  # networkx's spring layout is quadratic in numpy; beyond this the layered layout is used

_THEMES = {
    False: {"bg": "#FFFFFF", "fg": "#1A1A1A", "edge": "#8C8C8C", "panel": "rgba(255,255,255,.92)",
            "font": 16, "edge_font": 11, "scale": 1.0, "height": "750px"},
    True: {"bg": "#0E1117", "fg": "#FFFFFF", "edge": "#A6A6A6", "panel": "rgba(14,17,23,.92)",
           "font": 24, "edge_font": 17, "scale": 1.8, "height": "1000px"},
}

# Legend icons: small SVG stand-ins for the vis shapes.
_SVG_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "ellipse": '<ellipse cx="8" cy="8" rx="7" ry="5"/>',
    "box": '<rect x="1" y="3" width="14" height="10" rx="2"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
    "hexagon": '<polygon points="4,2 12,2 15,8 12,14 4,14 1,8"/>',
}

_CSS_SIZE = re.compile(r"^\d+(\.\d+)?(px|vh|%|em|rem)$")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    # An inlined "</script" would end the script element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _short(text: str, width: int = 10, lines: int = 2) -> str:
    """Wrap a label to `lines` lines of `width` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    if len(text) > width * lines:
        text = text[: width * lines - 1] + "…"
    return "\n".join(text[i:i + width] for i in range(0, len(text), width)) or " "


def node_label(attrs: dict, node) -> str:
    """What the map writes on a node: a bureau's short name, a task's number and short title, other names wrapped."""
    ntype = attrs.get("label")
    if ntype == "Bureau":
        return _short(attrs.get("short_name") or attrs.get("name") or node, 9, 1)
    if ntype in ("Task", "Measure") and attrs.get("number") not in (None, ""):
        return _short(f"{attrs['number']}. {attrs.get('title') or attrs.get('name') or ''}", 13, 1)
    return _short(attrs.get("short_name") or attrs.get("name") or node)


def _vis_id(node):
    # vis/pyvis accept only str or int ids (bool is an int subclass but would collide with 0/1).
    return node if isinstance(node, (str, int)) and not isinstance(node, bool) else str(node)


def profile_href(node, attrs: dict) -> str:
    """Where a click on a node leads, relative to the app: a bureau's or task's profile, else the map focused on it."""
    kind = {"Bureau": "bureau", "Task": "task"}.get(attrs.get("label"))
    if kind:
        return f"./?page=profiles&kind={kind}&id={quote(str(node), safe='')}"
    return f"./?page=map&focus={quote(str(node), safe='')}"


# -- layout (computed here, so the browser's first frame is the final one) ---------------------------------------
def _order_key(attrs: dict):
    return (str(attrs.get("document") or ""), _num(attrs.get("seq")), _num(attrs.get("number")),
            str(attrs.get("name") or ""))


def _num(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.inf


def layered_positions(graph: nx.MultiDiGraph, presentation: bool = False, visible: set[str] | None = None) -> dict:
    """Columns by type (plan, programmes, tasks, bureaus, everything else), rows spread over the nominal canvas.

    Tasks keep plan order; every other column is ordered by the mean row of its neighbours (fewer crossings).
    Rows are at least 1.9 font heights apart, so labels never overlap; a big graph simply gets taller.
    visible: the types drawn at first. They fill the canvas; hidden types go below them in their column, and
    columns holding only hidden types to the right, so toggling them on never moves what is already drawn.
    """
    width, height = _CANVAS[presentation]
    gap = _THEMES[presentation]["font"] * 1.9
    shown = (lambda n: True) if visible is None else (lambda n: graph.nodes[n].get("label") in visible)
    cols: dict[int, list] = {}
    for n, a in graph.nodes(data=True):
        cols.setdefault(_LEVELS.get(a.get("label"), _OTHER_LEVEL), []).append(n)
    levels = sorted(cols, key=lambda lv: (not any(shown(n) for n in cols[lv]), lv))
    n_shown = sum(1 for lv in levels if any(shown(n) for n in cols[lv])) or len(levels)
    xstep = width / (n_shown - 1) if n_shown > 1 else 0.0
    undirected = graph.to_undirected(as_view=True)
    pos: dict = {}
    # a column longer than the canvas wraps into side-by-side sub-columns, keeping a big graph near the screen's shape
    rows = max(2 * int(height / gap), math.ceil(math.sqrt(3 * graph.number_of_nodes())))
    sub_w = _THEMES[presentation]["font"] * 10
    base, x = {}, -width / 2
    for lv in levels:
        base[lv] = x
        x += xstep + (math.ceil(len(cols[lv]) / rows) - 1) * sub_w

    def place(level: int, nodes: list) -> None:
        first = [n for n in nodes if shown(n)]
        rest = [n for n in nodes if not shown(n)]
        step = max(gap, height / max(1, min(rows, len(first))))
        count = min(rows, len(first))
        top = -step * (count - 1) / 2
        for i, n in enumerate(first + rest):
            if i < len(first):
                pos[n] = (base[level] + (i // rows) * sub_w, top + (i % rows) * step)
            else:  # hidden types: below the drawn ones
                j = i - len(first)
                pos[n] = (base[level] + (j // rows) * sub_w, top + count * step + (j % rows) * gap)

    anchor = 2 if 2 in cols else levels[0]
    place(anchor, sorted(cols[anchor], key=lambda n: _order_key(graph.nodes[n])))
    # outward from the anchor column: each column ordered by its neighbours already placed
    for lv in sorted((lv for lv in levels if lv != anchor), key=lambda lv: abs(lv - anchor)):
        def bary(n):
            ys = [pos[m][1] for m in undirected.neighbors(n) if m in pos]
            return (sum(ys) / len(ys) if ys else math.inf, _order_key(graph.nodes[n]))
        place(lv, sorted(cols[lv], key=bary))
    return pos


def force_positions(graph: nx.MultiDiGraph, presentation: bool = False, visible: set[str] | None = None) -> dict:
    """A force-directed layout computed with networkx (fixed seed: the same graph always looks the same)."""
    if graph.number_of_nodes() > _FORCE_MAX_NODES:
        return layered_positions(graph, presentation, visible)
    width, height = _CANVAS[presentation]
    drawn = [n for n, a in graph.nodes(data=True) if visible is None or a.get("label") in visible]
    # the drawn nodes are laid out on their own (a compact first view); the hidden ones join around them
    first = nx.spring_layout(nx.Graph(graph.subgraph(drawn).to_undirected()), seed=7, iterations=80) if drawn else {}
    raw = nx.spring_layout(nx.Graph(graph.to_undirected()), seed=7, iterations=60, pos=first or None,
                           fixed=list(first) or None) if len(first) < graph.number_of_nodes() else first
    if not raw:
        return {}
    ref = [raw[n] for n in first] or list(raw.values())  # scaled so the drawn nodes fill the canvas
    xs, ys = [p[0] for p in ref], [p[1] for p in ref]
    sx = (max(xs) - min(xs)) or 1.0
    sy = (max(ys) - min(ys)) or 1.0
    return {n: ((p[0] - min(xs)) / sx * width - width / 2, (p[1] - min(ys)) / sy * height - height / 2)
            for n, p in raw.items()}


def _style(ntype: str, layered: bool) -> tuple:
    """(colour for vis, shape, Chinese name, legend fill) of a type as drawn in this layout."""
    colour, shape, zh = NODE_STYLES.get(ntype, _FALLBACK_STYLE)
    if layered and ntype in _BOXED_IN_COLUMNS:
        return {"background": _BOXED_IN_COLUMNS[ntype], "border": colour}, "box", zh, _BOXED_IN_COLUMNS[ntype]
    return colour, shape, zh, colour


def _build(graph: nx.MultiDiGraph, presentation: bool, pos: dict, visible: set[str],
           layered: bool = False) -> tuple[list, list, set]:
    theme = _THEMES[presentation]
    s = theme["scale"]
    nodes, roles_present = [], set()
    for node, attrs in graph.nodes(data=True):
        ntype = str(attrs.get("label") or "")
        colour, shape, zh, _ = _style(ntype, layered)
        # bureaus by the short form plans use (区科委), with the official name in the tooltip
        name = str(attrs.get("short_name") or attrs.get("name") or node)
        tip = [f"{zh} · {ntype or '?'}", name]
        if attrs.get("name") and attrs["name"] != name:
            tip.append(str(attrs["name"]))
        if attrs.get("title") and attrs["title"] != name:
            tip.append(str(attrs["title"]))
        if attrs.get("number") not in (None, ""):
            tip.append(f"编号：{attrs['number']}")
        if attrs.get("deadline"):
            tip.append(f"完成时限：{attrs['deadline']}")
        if attrs.get("sentence"):
            tip.append(f"原文：{attrs['sentence']}")
        if attrs.get("fill"):  # the map's "show progress": the task's ledger status colour, its type's border kept
            colour = {"background": attrs["fill"], "border": colour["border"] if isinstance(colour, dict) else colour}
        x, y = pos.get(node, (0.0, 0.0))
        item = {"id": _vis_id(node), "label": node_label(attrs, node), "shape": shape, "color": colour,
                "size": (16 if ntype in ("Document", "Programme", "Policy") else 11) * s,
                "x": round(x, 1), "y": round(y, 1), "ntype": ntype, "hidden": ntype not in visible,
                # Plain strings only: the page turns `tip` into a tooltip element via textContent, never innerHTML.
                "tip": tip, "href": profile_href(node, attrs)}
        if shape in _LABEL_INSIDE:
            item["font"] = {"color": "#000000", "strokeWidth": 0}
        nodes.append(item)

    edges = []
    seen_pairs: dict[tuple, int] = {}
    # a task in a programme is drawn plan → programme → task; its own edge to the plan would only add clutter
    big = graph.number_of_nodes() > 500
    in_programme = {u for u, v, a in graph.edges(data=True)
                    if a.get("type") == "PART_OF" and graph.nodes[v].get("label") == "Programme"}
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        etype = str(attrs.get("type") or "")
        role = str(attrs.get("role") or "") if etype == _RESPONSIBLE else ""
        zh, colour, width, dashes = ROLE_STYLES.get(role, ("负责" if etype == _RESPONSIBLE else "",
                                                           theme["edge"], 1.0, False))
        roles_present.add(role if role in ROLE_STYLES else "other")
        tip = [" · ".join(x for x in (zh, etype) if x) or "关系"]
        if attrs.get("sentence") and big is False:  # on big graphs the node tooltips carry the sentences
            tip.append(f"原文：{attrs['sentence']}")
        pair = (_vis_id(u), _vis_id(v))
        k = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1
        # roles are told by line style (the legend), not by a word on every edge: 74 labels would bury the names
        extra = {}
        if etype == "PART_OF" and u in in_programme and graph.nodes[v].get("label") == "Document":
            extra["hidden"] = True
        if etype in ("ISSUED", "DRAFTED"):  # who signed the plan: kept, but faint behind the responsibilities
            colour = {"color": colour, "opacity": 0.3}
        if k:  # parallel multigraph edges would be drawn on top of each other: bend the extra ones
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * k}
        edge = {"from": pair[0], "to": pair[1], "id": f"e{i}", "color": colour, "tip": tip, **extra}
        # defaults left out: a 2,000-node page carries 13,000 edges
        if width * s != 1.0:
            edge["width"] = width * s
        if dashes:
            edge["dashes"] = dashes
        if role:
            edge["role"] = role
        edges.append(edge)
    return nodes, edges, roles_present


def _pack_edges(nodes: list[dict], edges: list[dict]) -> dict:
    """Edges as [from index, to index, style index, sentence, extra] rows plus a table of styles: a 2,000-node page
    carries 13,000 edges, and their colours, widths and node ids written out each time were half of it.
    The page unpacks them (unpack_edges in the template) before anything else runs."""
    index = {n["id"]: i for i, n in enumerate(nodes)}
    styles: dict[str, int] = {}
    table, rows = [], []
    for e in edges:
        style = {k: v for k, v in e.items() if k in ("color", "width", "dashes", "role")}
        style["tip0"] = e["tip"][0]
        key = repr(sorted(style.items()))
        if key not in styles:
            styles[key] = len(table)
            table.append(style)
        sentence = e["tip"][1] if len(e["tip"]) > 1 else ""
        extra = {k: v for k, v in e.items() if k in ("smooth", "hidden")}
        rows.append([index[e["from"]], index[e["to"]], styles[key], sentence] + ([extra] if extra else []))
    return {"edges": rows, "edgeStyles": table}


def unpack_edges(data: dict) -> list[dict]:
    """The page's edges as vis gets them (what the template's script does), for tests and other readers."""
    out = []
    for i, row in enumerate(data["edges"]):
        style = dict(data["edgeStyles"][row[2]])
        tip = [style.pop("tip0")] + ([row[3]] if row[3] else [])
        out.append({"id": f"e{i}", "from": data["nodes"][row[0]]["id"], "to": data["nodes"][row[1]]["id"],
                    **style, "tip": tip, **(row[4] if len(row) > 4 else {})})
    return out


CANVAS_EDGES_OVER = 1500  # a view drawing more edges than this draws them on the canvas (see the template)


def _options(n_nodes: int, presentation: bool, layered: bool) -> dict:
    theme = _THEMES[presentation]
    big = n_nodes > 500
    return {
        # positions come with the data: no physics, no stabilisation, the first frame is the final one
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "navigationButtons": False,
                        "keyboard": False},
        "nodes": {"borderWidth": 2 if presentation else 1,
                  "font": {"size": theme["font"], "face": FONT_STACK, "color": theme["fg"],
                           "strokeWidth": 4, "strokeColor": theme["bg"]}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": (False if big else {"enabled": True, "type": "cubicBezier",
                                                "forceDirection": "horizontal", "roundness": 0.5}
                             if layered else {"enabled": True, "type": "continuous", "roundness": 0.3}),
                  "font": {"size": theme["edge_font"], "face": FONT_STACK, "color": theme["fg"],
                           "strokeWidth": 3, "strokeColor": theme["bg"], "align": "horizontal"}},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }


def render_network_html(graph: nx.MultiDiGraph, *, height: str | None = None, presentation: bool = False,
                        hierarchical: bool = False, focus=None, show_types: Iterable[str] | None = None,
                        title: str = "", filters: str = "") -> str:
    """Return a complete HTML page (no external resources) showing `graph` with vis-network.

    height: CSS size of the canvas (default 750px, 1000px in presentation mode).
    presentation: dark, high-contrast theme with larger fonts and thicker edges.
    hierarchical: layered left-to-right layout by node type (document → programme → task → bureau); otherwise a
      force layout. Either is computed here in Python: the page draws final positions, with no physics.
    focus: node id to select and zoom to.
    show_types: node types drawn at first (the others are toggled on from the legend); None draws every type.
    title, filters: written above PNG and SVG exports (the plan and the filters applied).
    The page sets document.body.dataset.networkReady = "1" after its first draw, and window.kgLabelPx to the
    on-screen size of a label at the initial zoom.
    """
    # relationships derived for the questions (co-ownership) are not drawn: the responsibilities show them
    derived = [(u, v, k) for u, v, k, a in graph.edges(keys=True, data=True) if a.get("type") in DERIVED_RELS]
    if derived:
        graph = nx.restricted_view(graph, [], derived)
    theme = _THEMES[presentation]
    height = height or theme["height"]
    if not _CSS_SIZE.match(str(height)):
        raise ValueError(f"height must be a CSS size like '750px', got {height!r}")
    if focus is not None and focus not in graph:
        raise ValueError(f"focus node {focus!r} is not in the graph")

    present_types = {str(a.get("label") or "") for _, a in graph.nodes(data=True)}
    visible = present_types if show_types is None else set(show_types) & present_types
    if not visible:  # nothing of the chosen types here: draw everything rather than an empty canvas
        visible = present_types
    if focus is not None:
        visible.add(str(graph.nodes[focus].get("label") or ""))
    layout_of = layered_positions if hierarchical else force_positions
    pos = layout_of(graph, presentation, visible)
    nodes, edges, roles_present = _build(graph, presentation, pos, visible, hierarchical)

    counts: dict[str, int] = {}
    for n in nodes:
        counts[n["ntype"]] = counts.get(n["ntype"], 0) + 1
    order = list(NODE_STYLES)
    legend_nodes = []
    for ntype in sorted(present_types, key=lambda t: order.index(t) if t in order else len(order)):
        _, shape, zh, colour = _style(ntype, hierarchical)
        legend_nodes.append({"type": ntype, "name": f"{zh} {ntype}".strip(), "colour": colour,
                             "svg": _SVG_SHAPES[shape], "count": counts[ntype], "on": ntype in visible})
    legend_edges = [{"name": f"{zh}（{role}）", "colour": c, "width": w * theme["scale"],
                     "dash": " ".join(map(str, d)) if d else ""}
                    for role, (zh, c, w, d) in ROLE_STYLES.items() if role in roles_present]
    if "other" in roles_present:
        legend_edges.append({"name": "其他关系", "colour": theme["edge"], "width": theme["scale"], "dash": ""})

    js, css = _vis_assets()
    return _TEMPLATE.render(
        vis_js=js, vis_css=css, theme=theme, height=height, font_stack=FONT_STACK,
        legend_nodes=legend_nodes, legend_edges=legend_edges,
        data=htmlsafe_json_dumps(ensure_ascii=False, obj={
            "nodes": nodes, **_pack_edges(nodes, edges),
            "options": _options(graph.number_of_nodes(), presentation, hierarchical),
            "focus": None if focus is None else _vis_id(focus), "physics": False,
            "canvasEdgesOver": CANVAS_EDGES_OVER, "title": title, "filters": filters, "font": theme["font"], "bg": theme["bg"], "fg": theme["fg"],
            "legend": [{"type": n["type"], "name": n["name"], "colour": n["colour"]} for n in legend_nodes],
            "edgeLegend": [{"name": e["name"], "colour": e["colour"], "dash": e["dash"]} for e in legend_edges],
        }),
    )


_TEMPLATE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{{ vis_css|safe }}</style>
<style>
  html, body { margin: 0; padding: 0; background: {{ theme.bg }}; color: {{ theme.fg }};
               font-family: {{ font_stack|safe }}; }
  #kg-wrap { position: relative; width: 100%; height: {{ height }}; }
  #kg-network { position: absolute; inset: 0; }
  #kg-legend { position: absolute; top: 8px; left: 8px; z-index: 4; background: {{ theme.panel }};
               border: 1px solid {{ theme.edge }}; border-radius: 6px; padding: 6px 10px;
               font-size: {{ (theme.font * 0.9)|round|int }}px; line-height: 1.5; max-height: 90%; overflow: auto; }
  #kg-legend summary { cursor: pointer; font-weight: bold; }
  #kg-legend ul { list-style: none; margin: 4px 0 0; padding: 0; }
  #kg-legend li { white-space: nowrap; }
  #kg-legend label { cursor: pointer; }
  #kg-legend input { margin: 0 4px 0 0; vertical-align: middle; }
  #kg-legend svg { vertical-align: middle; margin-right: 6px; }
  #kg-legend .kg-count { opacity: .75; }
  #kg-tools { position: absolute; top: 8px; right: 8px; z-index: 4; display: flex; gap: 6px; }
  #kg-tools button { font: inherit; font-size: {{ (theme.font * 0.8)|round|int }}px; cursor: pointer;
                     background: {{ theme.panel }}; color: {{ theme.fg }}; border: 1px solid {{ theme.edge }};
                     border-radius: 4px; padding: 2px 8px; }
  #kg-status { position: absolute; bottom: 8px; left: 8px; z-index: 4; font-size: 13px; opacity: .8; }
  /* vis-network's tooltip defaults to one unbroken line in Verdana, unreadable for Chinese sentences */
  div.vis-tooltip { white-space: normal; max-width: 460px; font-family: {{ font_stack|safe }};
                    font-size: {{ theme.font }}px; line-height: 1.5; color: #000; background: #FFFDF0; }
  .kg-tip b { display: block; color: #555; font-size: .85em; }
  .kg-tip .kg-name { font-weight: bold; }
</style>
</head>
<body>
<div id="kg-wrap">
  <div id="kg-network"></div>
  <details id="kg-legend" open>
    <summary>图例 · 点击显示/隐藏</summary>
    <ul>
      {%- for n in legend_nodes %}
      <li><label><input type="checkbox" data-type="{{ n.type }}"{% if n.on %} checked{% endif %}><svg width="{{ theme.font }}" height="{{ theme.font }}" viewBox="0 0 16 16" fill="{{ n.colour }}" stroke="{{ theme.fg }}"
               stroke-width=".6">{{ n.svg|safe }}</svg>{{ n.name }} <span class="kg-count">({{ n.count }})</span></label></li>
      {%- endfor %}
      {%- for e in legend_edges %}
      <li><svg width="{{ theme.font * 2 }}" height="12" viewBox="0 0 34 12"><line x1="1" y1="6" x2="33" y2="6"
               stroke="{{ e.colour }}" stroke-width="{{ e.width }}" stroke-dasharray="{{ e.dash }}"/></svg>{{ e.name }}</li>
      {%- endfor %}
    </ul>
  </details>
  <div id="kg-tools"><button id="kg-png" title="导出当前视图为 PNG">PNG</button>
    <button id="kg-svg" title="导出当前视图为 SVG">SVG</button></div>
  <div id="kg-status"></div>
</div>
<script>{{ vis_js|safe }}</script>
<script type="application/json" id="kg-data">{{ data }}</script>
<script>
(function () {
  // data as JSON, parsed by JSON.parse: several times faster than the same object written as a JS literal
  var cfg = JSON.parse(document.getElementById("kg-data").textContent);
  cfg.edges = cfg.edges.map(function (row, i) {  // see _pack_edges: [from, to, style, sentence, extra]
    var e = Object.assign({ id: "e" + i, from: cfg.nodes[row[0]].id, to: cfg.nodes[row[1]].id },
                          cfg.edgeStyles[row[2]], row[4] || {});
    e.tip = row[3] ? [e.tip0, row[3]] : [e.tip0];
    delete e.tip0;
    return e;
  });
  function tipElement(lines, nameLine) {
    // Untrusted text goes in via textContent only.
    var box = document.createElement("div");
    box.className = "kg-tip";
    lines.forEach(function (text, i) {
      var el = document.createElement(i === 0 ? "b" : "div");
      if (i === 1 && nameLine) el.className = "kg-name";
      el.textContent = text;
      box.appendChild(el);
    });
    return box;
  }
  // Tooltips are built when shown (vis asks for a title; the formatted one replaces it), not 15,000 up front.
  var byId = {}, nodeTips = {}, edgeTips = {};
  cfg.nodes.forEach(function (n) { nodeTips[n.id] = n.tip; n.title = n.tip[0]; delete n.tip; byId[n.id] = n; });
  cfg.edges.forEach(function (e) { edgeTips[e.id] = e.tip; e.title = e.tip[0]; delete e.tip; });

  // Only what is drawn goes into vis at first; a type toggled on in the legend joins at its computed place.
  var isShown = {}, pending = [];
  cfg.nodes.forEach(function (n) { isShown[n.id] = !n.hidden; });
  var firstEdges = cfg.edges.filter(function (e) {
    var ok = isShown[e.from] && isShown[e.to];
    if (!ok) pending.push(e);
    return ok;
  });
  var nodes = new vis.DataSet(cfg.nodes.filter(function (n) { return !n.hidden; }));
  // A view with thousands of edges draws them on the canvas itself, as one path per line style: vis builds an
  // object per edge, which took most of the first render of a 2,000-node map. They lose only arrowheads and hover.
  var onCanvas = firstEdges.length > cfg.canvasEdgesOver ? firstEdges : null;
  var edges = new vis.DataSet(onCanvas ? [] : firstEdges);
  var network = new vis.Network(document.getElementById("kg-network"), {}, cfg.options);
  if (onCanvas) network.on("beforeDrawing", function (ctx) {
    var pos = network.getPositions(), groups = {};
    onCanvas.forEach(function (e) {
      if (e.hidden || !pos[e.from] || !pos[e.to]) return;
      var key = JSON.stringify([e.color, e.width || 1, e.dashes || false]);
      (groups[key] = groups[key] || []).push(e);
    });
    Object.keys(groups).forEach(function (key) {
      var style = JSON.parse(key), colour = style[0], dash = style[2];
      ctx.save();
      ctx.strokeStyle = typeof colour === "object" ? colour.color : colour;
      ctx.globalAlpha = typeof colour === "object" && colour.opacity !== undefined ? colour.opacity : 1;
      ctx.lineWidth = style[1];
      ctx.setLineDash(dash === true ? [5, 5] : dash || []);
      ctx.beginPath();
      groups[key].forEach(function (e) {
        var a = pos[e.from], b = pos[e.to];
        ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      });
      ctx.stroke();
      ctx.restore();
    });
  });
  function shownEdges() { return onCanvas || edges.get(); }
  var settled = false;
  network.on("showPopup", function (id) {
    var lines = nodeTips[id] || edgeTips[id], tip = document.querySelector("div.vis-tooltip");
    if (lines && tip) { tip.replaceChildren(tipElement(lines, !!nodeTips[id])); }
  });

  function visibleIds() { return nodes.getIds({ filter: function (n) { return !n.hidden; } }); }
  function fitBesideLegend() {
    // vis fits to the whole canvas; shrink and shift the view so the legend overlay hides no node.
    var ids = visibleIds();
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    var reserve = document.getElementById("kg-legend").offsetWidth + 16;
    var width = document.getElementById("kg-network").clientWidth;
    if (reserve * 2 > width) return;
    var scale = network.getScale() * (width - reserve) / width, c = network.getViewPosition();
    network.moveTo({ scale: scale, position: { x: c.x - reserve / 2 / scale, y: c.y }, animation: false });
  }
  function settle() {
    settled = true;
    fitBesideLegend();
    if (cfg.focus !== null) {
      // the focused node selected and the view on it; a small neighbourhood is not blown up past 1.5×
      network.selectNodes([cfg.focus]);
      if (network.getScale() > 1.5) network.moveTo({ scale: 1.5, animation: false });
    }
    window.kgLabelPx = network.getScale() * cfg.font;
    network.redraw();
  }
  network.on("afterDrawing", function () {
    if (settled && document.body.dataset.networkReady !== "1") {
      document.body.dataset.networkReady = "1";
      window.kgNetworkReady = true;
    }
  });
  network.setData({ nodes: nodes, edges: edges });
  settle();

  // Legend: a type's checkbox adds or removes its nodes and their edges; nothing else moves.
  function showType(t, on) {
    var of = cfg.nodes.filter(function (n) { return n.ntype === t; });
    if (on) {
      nodes.update(of.map(function (n) { isShown[n.id] = true; n.hidden = false; return n; }));
      var ready = pending.filter(function (e) { return isShown[e.from] && isShown[e.to]; });
      pending = pending.filter(function (e) { return !(isShown[e.from] && isShown[e.to]); });
      if (onCanvas) onCanvas = onCanvas.concat(ready); else edges.update(ready);
    } else {
      of.forEach(function (n) { isShown[n.id] = false; });
      var cut = function (e) { return !isShown[e.from] || !isShown[e.to]; };
      var gone = onCanvas ? onCanvas.filter(cut) : edges.get({ filter: cut });
      if (onCanvas) onCanvas = onCanvas.filter(function (e) { return !cut(e); });
      else edges.remove(gone.map(function (e) { return e.id; }));
      pending = pending.concat(gone);
      nodes.remove(of.map(function (n) { return n.id; }));
    }
  }
  document.querySelectorAll("#kg-legend input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () { showType(box.dataset.type, box.checked); fitBesideLegend(); });
  });

  // Click a node: its profile in the app. The frame is sandboxed without top navigation, but it shares the app's
  // origin, so the link is made and clicked in the app's own document; a new tab when that is not possible.
  function openInApp(href) {
    try {
      var doc = window.parent.document, a = doc.createElement("a");
      a.href = new URL(href, window.parent.location.href).href;
      a.target = "_top";
      doc.body.appendChild(a);
      a.click();
      a.remove();
    } catch (err) {
      window.open(href, "_blank");
    }
  }
  window.kgOpenInApp = openInApp;
  network.on("click", function (p) {
    if (p.nodes.length === 1 && byId[p.nodes[0]] && window.parent !== window) openInApp(byId[p.nodes[0]].href);
  });

  // -- export the current view ---------------------------------------------------------------------------------
  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function shownTypes() {
    return cfg.legend.filter(function (l) {
      var box = document.querySelector('#kg-legend input[data-type="' + CSS.escape(l.type) + '"]');
      return !box || box.checked;
    });
  }
  var headerLines = function () { return [cfg.title || "责任知识图谱", cfg.filters || "筛选：无 · no filters"]; };
  var CRC = (function () { var t = [], c, n, k; for (n = 0; n < 256; n++) { c = n; for (k = 0; k < 8; k++)
    c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; } return t; })();
  function crc32(bytes) { var c = 0xFFFFFFFF; for (var i = 0; i < bytes.length; i++)
    c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8); return (c ^ 0xFFFFFFFF) >>> 0; }
  function withTitle(png, title) {
    // an iTXt "Title" chunk after IHDR, so the title travels with the file as text, not only as pixels
    var enc = new TextEncoder(), key = enc.encode("Title"), text = enc.encode(title);
    var body = new Uint8Array(4 + key.length + 5 + text.length);
    body.set(enc.encode("iTXt"), 0); body.set(key, 4);
    body.set(text, 4 + key.length + 5);  // null, compression flag 0, method 0, empty language, empty keyword
    var chunk = new Uint8Array(body.length + 8), dv = new DataView(chunk.buffer);
    dv.setUint32(0, body.length - 4); chunk.set(body, 4); dv.setUint32(chunk.length - 4, crc32(body));
    var out = new Uint8Array(png.length + chunk.length);
    out.set(png.subarray(0, 33), 0); out.set(chunk, 33); out.set(png.subarray(33), 33 + chunk.length);
    return out;
  }
  function exportPng() {
    var src = document.querySelector("#kg-network canvas"), r = src.width / src.clientWidth;
    var f = cfg.font * r, types = shownTypes(), head = Math.round(f * 5.2);
    var out = document.createElement("canvas");
    out.width = src.width; out.height = src.height + head;
    var g = out.getContext("2d");
    g.fillStyle = cfg.bg; g.fillRect(0, 0, out.width, out.height);
    g.fillStyle = cfg.fg; g.textBaseline = "top";
    var lines = headerLines();
    g.font = "bold " + Math.round(f * 1.4) + "px " + cfg.options.nodes.font.face;
    g.fillText(lines[0], f, f * 0.5);
    g.font = Math.round(f * 0.95) + "px " + cfg.options.nodes.font.face;
    g.fillText(lines[1], f, f * 2.3);
    var x = f;
    types.concat(cfg.edgeLegend).forEach(function (l) {
      g.fillStyle = l.colour; g.fillRect(x, f * 3.85, f * 0.9, f * 0.9);
      g.fillStyle = cfg.fg; g.fillText(l.name, x + f * 1.2, f * 3.75);
      x += f * 1.8 + g.measureText(l.name).width;
    });
    g.drawImage(src, 0, head);
    out.toBlob(function (blob) {
      blob.arrayBuffer().then(function (buf) {
        download(new Blob([withTitle(new Uint8Array(buf), lines[0])], { type: "image/png" }), "map.png");
      });
    }, "image/png");
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var e = document.createElementNS(SVGNS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function exportSvg() {
    var ids = visibleIds(), pos = network.getPositions(ids), f = cfg.font;
    var xs = ids.map(function (i) { return pos[i].x; }), ys = ids.map(function (i) { return pos[i].y; });
    var minX = Math.min.apply(null, xs.concat([0])) - 8 * f, maxX = Math.max.apply(null, xs.concat([0])) + 8 * f;
    var minY = Math.min.apply(null, ys.concat([0])) - 2 * f, maxY = Math.max.apply(null, ys.concat([0])) + 2 * f;
    var head = f * 6, w = maxX - minX, h = maxY - minY + head;
    var svg = el("svg", { xmlns: SVGNS, width: Math.round(w), height: Math.round(h),
                          viewBox: [minX, minY - head, w, h].join(" "), "font-family": cfg.options.nodes.font.face });
    svg.appendChild(el("rect", { x: minX, y: minY - head, width: w, height: h, fill: cfg.bg }));
    var lines = headerLines();
    svg.appendChild(el("title", {}, lines[0]));
    svg.appendChild(el("text", { x: minX + f, y: minY - head + 1.6 * f, "font-size": 1.4 * f, "font-weight": "bold",
                                 fill: cfg.fg }, lines[0]));
    svg.appendChild(el("text", { x: minX + f, y: minY - head + 3.2 * f, "font-size": 0.95 * f, fill: cfg.fg }, lines[1]));
    var lx = minX + f, legend = el("g", { "font-size": 0.9 * f, fill: cfg.fg });
    shownTypes().concat(cfg.edgeLegend).forEach(function (l) {
      legend.appendChild(el("rect", { x: lx, y: minY - head + 4.1 * f, width: 0.9 * f, height: 0.9 * f, fill: l.colour }));
      legend.appendChild(el("text", { x: lx + 1.2 * f, y: minY - head + 4.9 * f }, l.name));
      lx += f * (2 + l.name.length * 0.95);
    });
    svg.appendChild(legend);
    var shown = {}; ids.forEach(function (i) { shown[i] = true; });
    var ge = el("g", { fill: "none" });
    shownEdges().forEach(function (e) {
      if (e.hidden || !shown[e.from] || !shown[e.to]) return;
      var a = pos[e.from], b = pos[e.to], attrs = { d: "M" + a.x + "," + a.y + " C" + (a.x + b.x) / 2 + "," + a.y
        + " " + (a.x + b.x) / 2 + "," + b.y + " " + b.x + "," + b.y, stroke: e.color, "stroke-width": e.width };
      if (e.dashes) attrs["stroke-dasharray"] = e.dashes.join(" ");
      ge.appendChild(el("path", attrs));
    });
    svg.appendChild(ge);
    var gn = el("g", { "font-size": f, "text-anchor": "middle" });
    ids.forEach(function (i) {
      var n = nodes.get(i), p = pos[i], label = String(n.label).split("\\n");
      var fill = typeof n.color === "object" ? n.color.background : n.color;
      if (n.shape === "box" || n.shape === "ellipse") {
        var bw = Math.max.apply(null, label.map(function (s) { return s.length; })) * f + f, bh = label.length * f * 1.3 + f * 0.5;
        gn.appendChild(el("rect", { x: p.x - bw / 2, y: p.y - bh / 2, width: bw, height: bh, rx: 4, fill: fill,
                                    stroke: cfg.fg, "stroke-width": 0.6 }));
        label.forEach(function (s, k) { gn.appendChild(el("text", { x: p.x, y: p.y - bh / 2 + f * 1.15 + k * f * 1.3,
                                                                    fill: "#000" }, s)); });
      } else {
        gn.appendChild(el("circle", { cx: p.x, cy: p.y, r: n.size, fill: fill, stroke: cfg.fg, "stroke-width": 0.6 }));
        label.forEach(function (s, k) { gn.appendChild(el("text", { x: p.x, y: p.y + n.size + f * 1.1 + k * f * 1.3,
                                                                    fill: cfg.fg }, s)); });
      }
    });
    svg.appendChild(gn);
    var text = '<?xml version="1.0" encoding="UTF-8"?>\\n' + new XMLSerializer().serializeToString(svg);
    download(new Blob([text], { type: "image/svg+xml" }), "map.svg");
  }
  document.getElementById("kg-png").addEventListener("click", exportPng);
  document.getElementById("kg-svg").addEventListener("click", exportSvg);
  window.kgNetwork = network;
  window.kgCanvasEdges = function () { return onCanvas ? onCanvas.length : 0; };  // edges drawn on the canvas
})();
</script>
</body>
</html>
""")
