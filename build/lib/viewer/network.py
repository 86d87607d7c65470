"""Render the responsibility graph as one self-contained, offline interactive HTML page."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from jinja2.utils import htmlsafe_json_dumps
from pyvis.network import Network

from viewer.vocabulary import NODE_STYLES, OTHER_STYLE as _FALLBACK_STYLE, ROLE_STYLES

# pyvis ships vis-network inside its wheel; its own templates still point at CDNs, so we inline these.
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
              '"Microsoft YaHei", "PingFang SC", sans-serif')

_LABEL_INSIDE = {"box", "ellipse"}  # vis draws these labels on the node fill, so text must contrast with it

_RESPONSIBLE = "RESPONSIBLE_FOR"

# hierarchical=True lays types out in columns: document → programme → task → bureau → others.
_LEVELS = {"Document": 0, "Policy": 0, "Programme": 1, "Initiative": 1, "Principle": 2, "Target": 2,
           "Measure": 2, "Task": 3, "Bureau": 4}
_OTHER_LEVEL = 5

_THEMES = {
    False: {"bg": "#FFFFFF", "fg": "#1A1A1A", "edge": "#8C8C8C", "panel": "rgba(255,255,255,.92)",
            "font": 14, "edge_font": 11, "scale": 1.0, "height": "750px"},
    True: {"bg": "#0E1117", "fg": "#FFFFFF", "edge": "#A6A6A6", "panel": "rgba(14,17,23,.92)",
           "font": 22, "edge_font": 17, "scale": 1.8, "height": "1000px"},
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


def _vis_id(node):
    # vis/pyvis accept only str or int ids (bool is an int subclass but would collide with 0/1).
    return node if isinstance(node, (str, int)) and not isinstance(node, bool) else str(node)


def _physics(n_nodes: int, enabled: bool) -> dict:
    # Bounded stabilisation: big graphs get fewer (each costlier) iterations, then physics is switched off in JS.
    iterations = 600 if n_nodes <= 300 else max(150, 200_000 // n_nodes)
    return {
        "enabled": enabled,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.01, "springLength": 150,
                             "springConstant": 0.05, "damping": 0.5, "avoidOverlap": 0.6},
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 20, "fit": True},
        "minVelocity": 1.0,
        "timestep": 0.5,
    }


def _build(graph: nx.MultiDiGraph, presentation: bool, hierarchical: bool) -> tuple[Network, list[str], set[str]]:
    theme = _THEMES[presentation]
    s = theme["scale"]
    net = Network(directed=True, cdn_resources="in_line")
    types_present, roles_present = [], set()
    for node, attrs in graph.nodes(data=True):
        ntype = str(attrs.get("label") or "")
        colour, shape, zh = NODE_STYLES.get(ntype, _FALLBACK_STYLE)
        if ntype not in types_present:
            types_present.append(ntype)
        # bureaus by the short form plans use (区科委), with the official name in the tooltip
        name = str(attrs.get("short_name") or attrs.get("name") or node)
        tip = [f"{zh} · {ntype or '?'}", name]
        if attrs.get("name") and attrs["name"] != name:
            tip.append(str(attrs["name"]))
        if attrs.get("number") not in (None, ""):
            tip.append(f"编号：{attrs['number']}")
        if attrs.get("sentence"):
            tip.append(f"原文：{attrs['sentence']}")
        inside = shape in _LABEL_INSIDE
        extra = {"level": _LEVELS.get(ntype, _OTHER_LEVEL)} if hierarchical else {}
        net.add_node(
            _vis_id(node), label=_short(name), shape=shape, color=colour,
            size=(16 if ntype in ("Document", "Programme", "Policy") else 11) * s,
            **({"font": {"color": "#000000", "strokeWidth": 0}} if inside else {}),
            # Plain strings only: the page turns `tip` into a tooltip element via textContent, never innerHTML.
            tip=tip, ntype=ntype, **extra,
        )

    seen_pairs: dict[tuple, int] = {}
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        etype = str(attrs.get("type") or "")
        role = str(attrs.get("role") or "") if etype == _RESPONSIBLE else ""
        zh, colour, width, dashes = ROLE_STYLES.get(role, ("负责" if etype == _RESPONSIBLE else "",
                                                           theme["edge"], 1.0, False))
        roles_present.add(role if role in ROLE_STYLES else "other")
        tip = [" · ".join(x for x in (zh, etype) if x) or "关系"]
        if attrs.get("sentence"):
            tip.append(f"原文：{attrs['sentence']}")
        pair = (_vis_id(u), _vis_id(v))
        k = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1
        extra = {"label": zh} if zh else {}
        if k:  # parallel multigraph edges would be drawn on top of each other: bend the extra ones
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * k}
        net.add_edge(*pair, id=f"e{i}", color=colour, width=width * s, dashes=dashes, tip=tip, **extra)
    return net, types_present, roles_present


def _options(n_nodes: int, presentation: bool, hierarchical: bool) -> dict:
    theme = _THEMES[presentation]
    big = n_nodes > 500
    opts = {
        "physics": _physics(n_nodes, enabled=not hierarchical),
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "navigationButtons": False,
                        "keyboard": False},
        "nodes": {"borderWidth": 2 if presentation else 1,
                  "font": {"size": theme["font"], "face": FONT_STACK, "color": theme["fg"],
                           "strokeWidth": 3, "strokeColor": theme["bg"]}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "font": {"size": theme["edge_font"], "face": FONT_STACK, "color": theme["fg"],
                           "strokeWidth": 3, "strokeColor": theme["bg"], "align": "horizontal"}},
        # Kamada-Kawai seeding is quadratic; fixed seed keeps layouts stable between reruns.
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
    }
    if hierarchical:
        opts["layout"]["hierarchical"] = {
            "enabled": True, "direction": "LR", "sortMethod": "directed", "levelSeparation": 320,
            "nodeSpacing": 130 if presentation else 85, "treeSpacing": 80, "blockShifting": True,
            "edgeMinimization": n_nodes <= 500, "parentCentralization": True,
        }
        # "continuous" curves are computed for free layouts; in columns they (and their labels) drift off.
        opts["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                                   "roundness": 0.4}
    return opts


def render_network_html(graph: nx.MultiDiGraph, *, height: str | None = None, presentation: bool = False,
                        hierarchical: bool = False, focus=None) -> str:
    """Return a complete HTML page (no external resources) showing `graph` with vis-network.

    height: CSS size of the canvas (default 750px, 1000px in presentation mode).
    presentation: dark, high-contrast theme with larger fonts and thicker edges.
    hierarchical: layered left-to-right layout by node type (document → programme → task → bureau), no physics.
    focus: node id to select and zoom to once the layout has settled.
    The page sets document.body.dataset.networkReady = "1" after the first draw of the settled layout.
    """
    theme = _THEMES[presentation]
    height = height or theme["height"]
    if not _CSS_SIZE.match(str(height)):
        raise ValueError(f"height must be a CSS size like '750px', got {height!r}")
    if focus is not None and focus not in graph:
        raise ValueError(f"focus node {focus!r} is not in the graph")

    net, types_present, roles_present = _build(graph, presentation, hierarchical)

    order = list(NODE_STYLES)
    legend_nodes = []
    for ntype in sorted(types_present, key=lambda t: order.index(t) if t in order else len(order)):
        colour, shape, zh = NODE_STYLES.get(ntype, _FALLBACK_STYLE)
        legend_nodes.append({"name": f"{zh} {ntype}".strip(), "colour": colour, "svg": _SVG_SHAPES[shape]})
    legend_edges = [{"name": f"{zh}（{role}）", "colour": c, "width": w * theme["scale"],
                     "dash": " ".join(map(str, d)) if d else ""}
                    for role, (zh, c, w, d) in ROLE_STYLES.items() if role in roles_present]
    if "other" in roles_present:
        legend_edges.append({"name": "其他关系", "colour": theme["edge"], "width": theme["scale"], "dash": ""})

    js, css = _vis_assets()
    return _TEMPLATE.render(
        vis_js=js, vis_css=css, theme=theme, height=height, font_stack=FONT_STACK,
        legend_nodes=legend_nodes, legend_edges=legend_edges,
        data=htmlsafe_json_dumps({
            "nodes": net.nodes, "edges": net.edges,
            "options": _options(graph.number_of_nodes(), presentation, hierarchical),
            "focus": None if focus is None else _vis_id(focus), "physics": not hierarchical,
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
  #kg-legend svg { vertical-align: middle; margin-right: 6px; }
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
    <summary>图例</summary>
    <ul>
      {%- for n in legend_nodes %}
      <li><svg width="{{ theme.font }}" height="{{ theme.font }}" viewBox="0 0 16 16" fill="{{ n.colour }}" stroke="{{ theme.fg }}"
               stroke-width=".6">{{ n.svg|safe }}</svg>{{ n.name }}</li>
      {%- endfor %}
      {%- for e in legend_edges %}
      <li><svg width="{{ theme.font * 2 }}" height="12" viewBox="0 0 34 12"><line x1="1" y1="6" x2="33" y2="6"
               stroke="{{ e.colour }}" stroke-width="{{ e.width }}" stroke-dasharray="{{ e.dash }}"/></svg>{{ e.name }}</li>
      {%- endfor %}
    </ul>
  </details>
  <div id="kg-status"></div>
</div>
<script>{{ vis_js|safe }}</script>
<script>
(function () {
  var cfg = {{ data }};
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
  cfg.nodes.forEach(function (n) { n.title = tipElement(n.tip, true); delete n.tip; });
  cfg.edges.forEach(function (e) { e.title = tipElement(e.tip, false); delete e.tip; });

  var status = document.getElementById("kg-status");
  var network = new vis.Network(document.getElementById("kg-network"), {}, cfg.options);
  var settled = !cfg.physics;

  function fitBesideLegend() {
    // vis fits to the whole canvas; shrink and shift the view so the legend overlay hides no node.
    network.fit({ animation: false });
    var reserve = document.getElementById("kg-legend").offsetWidth + 16;
    var width = document.getElementById("kg-network").clientWidth;
    if (reserve * 2 > width) return;
    var scale = network.getScale() * (width - reserve) / width, c = network.getViewPosition();
    network.moveTo({ scale: scale, position: { x: c.x - reserve / 2 / scale, y: c.y }, animation: false });
  }
  function settle() {
    if (cfg.physics) network.setOptions({ physics: { enabled: false } });
    settled = true;
    status.textContent = "";
    if (cfg.focus !== null) {
      network.selectNodes([cfg.focus]);
      network.focus(cfg.focus, { scale: 1.3, animation: false });
    } else {
      fitBesideLegend();
    }
    network.redraw();
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "布局计算中… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  network.on("afterDrawing", function () {
    if (settled && document.body.dataset.networkReady !== "1") {
      document.body.dataset.networkReady = "1";
      window.kgNetworkReady = true;
    }
  });
  // Handlers are attached before the data so no stabilisation event can be missed.
  network.setData({ nodes: new vis.DataSet(cfg.nodes), edges: new vis.DataSet(cfg.edges) });
  // No stabilisation events come without physics or without nodes.
  if (!cfg.physics || cfg.nodes.length === 0) settle();
  window.kgNetwork = network;
})();
</script>
</body>
</html>
""")
