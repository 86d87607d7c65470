"""The benchmark runs end to end on a tiny corpus, and the synthetic corpus is deterministic and parses as written."""
from __future__ import annotations

import json

import pytest

from bench import synth
from bench.run import main as bench_main
from loaders.parse import parse_text


def test_synth_is_deterministic():
    a = synth.generate(6, seed=7)
    b = synth.generate(6, seed=7)
    assert [t.encode("utf-8") for t, _ in a] == [t.encode("utf-8") for t, _ in b]
    assert [s for _, s in a] == [s for _, s in b]
    assert a[0][0] != synth.generate(1, seed=8)[0][0]
    # plan i depends only on (seed, i): a small corpus is a prefix of a large one
    assert synth.generate(3, seed=7)[2][0] == a[2][0]


def test_synth_files_are_deterministic(tmp_path):
    synth.write_corpus(tmp_path / "a", 3, seed=1)
    synth.write_corpus(tmp_path / "b", 3, seed=1)
    for name in ["plan-00001.txt", "plan-00002.txt", "plan-00003.txt", "manifest.json"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("index", range(8))
def test_synth_plans_parse_as_written(index):
    text, spec = synth.make_plan(__import__("random").Random(f"3:{index}"), index)
    doc = parse_text(text, spec.file)
    assert len(doc.tasks) == spec.tasks
    assert [sum(len(c.duties) for c in t.clauses) for t in doc.tasks] == spec.units_per_task
    assert len(doc.responsibilities()) == spec.responsibilities
    assert doc.facts.title == spec.title
    assert doc.facts.doc_number == spec.doc_number
    assert doc.jurisdiction.endswith(spec.district)
    assert doc.programmes and doc.targets


def test_synth_covers_every_markup_and_size():
    plans = synth.generate(8, seed=0)
    assert {s.markup for _, s in plans} == set(synth.MARKUPS)
    assert all(10 <= s.tasks <= 60 for _, s in plans)
    assert all(1 <= k <= 8 for _, s in plans for k in s.units_per_task)
    mean = sum(s.bytes for _, s in plans) / len(plans)
    assert 12_000 < mean < 30_000  # ~20 KB a plan


def test_bench_quick_writes_every_section(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert bench_main(["--quick", "--out", str(out), "--work", str(tmp_path / "work")]) == 0
    r = json.loads(out.read_text(encoding="utf-8"))
    for section in ("machine", "corpus", "parse", "load", "latency", "targets"):
        assert section in r, section
    p = r["parse"]
    assert p["parse_mb_s"] > 0 and p["read_nfkc_mb_s"] > p["parse_mb_s"] * 0.5
    assert 0 < p["seed_parse_ms"] < 5_000
    (load,) = r["load"]
    assert load["plans"] == 3
    assert load["tasks"] == r["corpus"]["tasks"] and load["responsibilities"] == r["corpus"]["responsibilities"]
    assert load["stored_relationships"] == load["relationships"] > 0
    assert 0 < load["graph_only_s"] <= load["load_s"] < 120
    assert 20 < load["peak_rss_mb"] < 4_000
    qs = r["latency"]["questions"]
    assert qs and all("error" not in q for q in qs.values()), qs
    assert all(0 <= q["median_ms"] <= q["p95_ms"] < 10_000 and q["runs"] == 2 for q in qs.values())
    assert qs["tasks_of_bureau"]["rows"] > 0  # picked parameters are real values in the store
    assert {"seed_parse_ms", "parse_mb_s_per_core", "query_median_ms"} <= set(r["targets"])
    assert "a. parse" in capsys.readouterr().out
    # the README's block is written from such a file: the machine, every target and every question are in it
    from bench.readme import block

    text = block(r)
    assert r["machine"]["cpu"] in text and all(f"| {name} |" in text for name in qs)
    assert all(f"(`{key}`)" in text for key in r["targets"])


def test_the_readme_performance_block_is_the_committed_bench_run():
    import subprocess
    import sys

    from bench.readme import README, ROOT

    results = ROOT / "bench" / "results" / "readme.json"
    proc = subprocess.run([sys.executable, "-m", "bench.readme", str(results), "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # and every JSON key the README documents (`load[].peak_rss_mb`, `latency.questions.*.p95_ms`) is in that run
    import re

    r = json.loads(results.read_text(encoding="utf-8"))
    from bench.readme import START

    # the table of keys, between the section's title and the generated block
    section = README.read_text(encoding="utf-8").split("## Performance", 1)[1].split(START, 1)[0]
    keys = re.findall(r"`((?:machine|parse|load\[\]|scaling|latency|small_load|neo4j|render|targets)"
                      r"(?:\.[a-z0-9_.*\[\]]+)?)`", section)
    assert len(keys) >= 15, keys

    def values(node, parts):
        if not parts:
            yield node
            return
        head, rest = parts[0], parts[1:]
        if head.endswith("[]"):
            for item in node[head[:-2]]:
                yield from values(item, rest)
        elif head == "*":
            for child in node.values():
                yield from values(child, rest)
        else:
            assert head in node, f"{head} is documented in the README but not in {results}"
            yield from values(node[head], rest)

    for key in keys:
        assert list(values(r, key.split("."))), key
