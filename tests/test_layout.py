"""The house: folders in the order data flows, no import of a later stage or a development tool, no import cycle,
no Cypher outside the store internals and queries/, and the linter clean."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# a stage may import itself and the stages before it, never one after it or a development tool
STAGES = ["loaders", "graph", "viewer", "app"]
RUNTIME = {"loaders", "graph", "queries", "viewer"}
DEV = {"bench", "tools", "tests"}
# Python files that may hold Cypher text: the store internals (everything under graph/store/: schema, writes, counts,
# store → networkx, the console gate, the ledger's table) and the Cypher-script export format
CYPHER_ALLOWED = {"graph/export.py"}


def _modules() -> dict[str, Path]:
    files = [p for p in ROOT.rglob("*.py") if not any(part in {".venv", "data", "build"} or part.startswith(".")
                                                       for part in p.relative_to(ROOT).parts)]
    out = {}
    for p in files:
        rel = p.relative_to(ROOT).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = p
    return out


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def _stage(module: str) -> str:
    return module.split(".")[0]


def test_no_stage_imports_a_later_stage_or_a_tool():
    bad = []
    modules = _modules()
    for name, path in modules.items():
        stage = _stage(name)
        if stage not in STAGES:
            continue
        for imp in _imports(path, name):
            top = _stage(imp)
            if top in DEV or (top in STAGES and STAGES.index(top) > STAGES.index(stage)):
                bad.append(f"{name} imports {imp}")
    assert not bad, bad


def test_no_import_cycle():
    modules = _modules()
    graph = {name: {i for i in _imports(path, name) if i in modules and i != name} for name, path in modules.items()
             if _stage(name) in RUNTIME}
    for name, deps in graph.items():  # a package imports its own modules through its face: not a cycle
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    seen, stack, cycles = set(), [], []

    def visit(n):
        if n in stack:
            cycles.append(stack[stack.index(n):] + [n])
            return
        if n in seen:
            return
        seen.add(n)
        stack.append(n)
        for d in sorted(graph.get(n, ())):
            visit(d)
        stack.pop()

    for n in sorted(graph):
        visit(n)
    assert not cycles, cycles


def test_cypher_lives_in_queries_and_the_store_internals():
    pattern = re.compile(r"\b(MATCH|MERGE)\s*\(")
    hits = []
    for name, path in _modules().items():
        rel = path.relative_to(ROOT).as_posix()
        if _stage(name) not in RUNTIME | {"app", "bench"} or rel in CYPHER_ALLOWED or rel.startswith("graph/store/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{rel}:{n}: {line.strip()}")
    assert not hits, hits


def test_settings_fields_follow_the_table():
    from dataclasses import fields

    from graph.settings import SETTINGS, Settings

    assert [f.name for f in fields(Settings)] == [s.name for s in SETTINGS]
    assert all(getattr(Settings(), s.name) == s.default for s in SETTINGS)


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.fail("ruff is missing: ./run test installs requirements-dev.txt")
    res = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-3000:]
