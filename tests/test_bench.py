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


def test_bench_parses_its_arguments():
    from bench.run import build_parser

    args = build_parser().parse_args(["--plans", "1,100", "--quick"])
    assert args.quick and args.plans == "1,100"


def test_bench_render_times_the_map_in_chromium(tmp_path):
    import os

    import pytest

    from bench.render import CHROMIUM

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} missing in CI; ./run test installs it")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    out = tmp_path / "r.json"
    assert bench_main(["--quick", "--render", "--no-profile", "--out", str(out), "--work", str(tmp_path / "w")]) == 0
    render = json.loads(out.read_text(encoding="utf-8"))["render"]
    assert "error" not in render, render
    names = list(render)
    assert names[0] == "empty graph (baseline)" and names[1].startswith("seed (129 nodes)")
    assert all(v["median_s"] > 0 for v in render.values())
    assert render[names[2]]["nodes"] > render[names[1]]["nodes"]


def test_the_corpus_is_generated_once_and_extended_incrementally(tmp_path):
    from bench.run import ensure_corpus

    folder = tmp_path / "corpus"
    first = ensure_corpus(folder, 3, seed=2)
    written = (folder / "plan-00001.txt").stat().st_mtime_ns
    more = ensure_corpus(folder, 5, seed=2)
    assert (folder / "plan-00001.txt").stat().st_mtime_ns == written  # kept, not written again
    assert more[:3] == first and len(more) == 5
    assert ensure_corpus(folder, 2, seed=2) == first[:2]
    synth.write_corpus(tmp_path / "whole", 5, seed=2)  # the same plans as writing all five at once
    for spec in more:
        assert (folder / spec.file).read_bytes() == (tmp_path / "whole" / spec.file).read_bytes()
    other = ensure_corpus(folder, 2, seed=3)  # another seed is another corpus
    assert (folder / other[0].file).read_bytes() != (tmp_path / "whole" / other[0].file).read_bytes()


def test_the_bench_reports_per_plan_time_and_peak_at_each_size():
    from bench.run import check_targets, scaling

    loads = [{"plans": n, "per_plan_ms": ms, "write_per_plan_ms": ms / 2, "peak_rss_mb": peak,
              "peak_rss_graph_only_mb": peak / 2, "load_s": ms * n / 1e3, "graph_only_s": ms * n / 2e3}
             for n, ms, peak in [(100, 30.0, 500.0), (1000, 33.0, 900.0), (10000, 36.0, 1080.0)]]
    sc = scaling(loads)
    assert sc["per_plan_ms"] == {"100": 30.0, "1000": 33.0, "10000": 36.0}
    assert sc["peak_vs_previous"]["10000"] == 1.2 and "100" not in sc["peak_vs_previous"]
    assert sc["load_vs_graph"]["1000"] == 2.0
    got = check_targets({"parse": {"seed_parse_ms": 5.0, "parse_mb_s_per_core": 3.0}, "load": loads,
                         "latency": {"questions": {}}})
    assert got["peak_10000_vs_1000"]["value"] == 1.2 and got["peak_10000_vs_1000"]["met"]
    assert got["load_1000_peak_mb"]["met"] and not got["load_1000_vs_graph"]["met"]  # 900 MB; 2x the graph alone
