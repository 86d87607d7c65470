"""Parsing in worker processes gives what a serial parse gives: the same store, the same report, the same skips."""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from bench.synth import write_corpus
from graph import loading
from graph.loading import Job, ParseStream, load_paths, parse_paths
from graph.settings import Settings, SettingError
from graph.store.ladybug import LadybugStore
from loaders.errors import KgError

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-layouts"]
SMALL_PLAN = "某区工作方案\n一、重点任务\n1.任务甲。(责任单位:区科委、区财政局)\n"

needs_corpora = pytest.mark.skipif(not all(p.is_dir() for p in CORPORA), reason="../shared corpora are not here")


def dump(store_path: Path) -> tuple[list[str], list[str]]:
    """Every node and every relationship with all its properties, as sorted JSON lines."""
    store = LadybugStore(store_path, read_only=True)
    try:
        nodes = [json.dumps(r["n"], ensure_ascii=False, sort_keys=True, default=str)
                 for r in store.run("MATCH (n) RETURN n")]
        rels = [json.dumps([r["src"], r["r"], r["dst"]], ensure_ascii=False, sort_keys=True, default=str)
                for r in store.run("MATCH (a)-[r]->(b) RETURN a.id AS src, r, b.id AS dst")]
    finally:
        store.close()
    return sorted(nodes), sorted(rels)


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict:
    """Synthetic plans in a folder, one plan named on its own, and a folder with a file that cannot be read."""
    base = tmp_path_factory.mktemp("plans")
    write_corpus(base / "synth", 14, seed=5)
    (base / "synth" / "manifest.json").unlink()
    named = base / "named.txt"
    named.write_text(SMALL_PLAN.replace("任务甲", "任务乙"), encoding="utf-8")
    bad = base / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "plan.txt").write_text(SMALL_PLAN, encoding="utf-8")
    return {"synth": base / "synth", "named": named, "bad": bad}


@needs_corpora
def test_a_parallel_load_gives_the_same_store_and_report_as_a_serial_one(tmp_path, plans):
    paths = [plans["named"], *CORPORA, ROOT / "seeds", plans["synth"], plans["bad"]]
    reports = {}
    for workers in (1, 2):
        reports[workers] = load_paths(Settings(store=str(tmp_path / f"w{workers}.lbug"), workers=workers), paths,
                                      batch=15)  # several batches, the last one partial
    serial, parallel = reports[1], reports[2]
    assert len(serial.loaded) > 30 and serial.skipped and serial.no_facts
    assert [vars(d) for d in parallel.loaded] == [vars(d) for d in serial.loaded]  # same documents, same order
    assert parallel.skipped == serial.skipped and parallel.no_facts == serial.no_facts
    assert parallel.counts == serial.counts
    nodes, rels = dump(tmp_path / "w1.lbug")
    assert len(nodes) == sum(v for k, v in serial.counts.items() if not k.isupper())
    assert len(rels) == sum(v for k, v in serial.counts.items() if k.isupper())
    assert dump(tmp_path / "w2.lbug") == (nodes, rels)


@needs_corpora
def test_parse_paths_gives_equal_documents_in_parallel():
    serial = parse_paths([*CORPORA, ROOT / "seeds"], require_tasks=False, workers=1)
    parallel = parse_paths([*CORPORA, ROOT / "seeds"], require_tasks=False, workers=2)
    assert len(parallel.loaded) == len(serial.loaded) > 20
    assert parallel.loaded == serial.loaded  # every field of every parsed document
    assert parallel.skipped == serial.skipped
    # the alias table is shared by all documents, as in a serial parse, not copied into each
    assert len({id(d.aliases) for d in parallel.loaded}) == 1


def test_the_pool_is_used_for_several_documents_and_not_for_one(plans):
    files = sorted(plans["synth"].glob("*.txt"))
    with ParseStream([Job(files[0])], workers=2) as one:
        assert one.workers == 1 and one._pool is None
    with ParseStream([Job(f) for f in files], workers=2) as many:
        assert many.workers == 2
        seen = []
        for path, doc, error in many:
            assert len(many._pending) <= many.window < len(files)  # never every file at once
            seen.append(path)
            assert error is None and doc.path == str(path)
    assert seen == files


def _slow_or_dying(real):
    def parse(path, **kw):
        name = Path(path).name
        if name == "slow.txt":
            end = time.monotonic() + 5  # a parse that would run on: the budget must cut it in the worker
            while time.monotonic() < end:
                pass
        if name == "dies.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        if name == "huge.txt":
            raise MemoryError
        return real(path, **kw)
    return parse


def test_a_document_over_the_budget_in_a_worker_is_skipped_as_serially(tmp_path, plans, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in sorted(plans["synth"].glob("*.txt"))[:4]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "slow.txt").write_text(SMALL_PLAN, encoding="utf-8")
    (folder / "empty.txt").write_text("")
    monkeypatch.setattr(loading, "parse_document", _slow_or_dying(loading.parse_document))
    monkeypatch.setattr(loading, "PARSE_BUDGET_S", 0.5)
    reports = {}
    for workers in (1, 2):
        start = time.monotonic()
        reports[workers] = parse_paths([folder], workers=workers)
        assert time.monotonic() - start < 4.5
    serial, parallel = reports[1], reports[2]
    assert [p for p, _ in parallel.skipped] == [str(folder / "empty.txt"), str(folder / "slow.txt")]
    assert "longer than 0.5 s" in dict(parallel.skipped)[str(folder / "slow.txt")]
    assert parallel.skipped == serial.skipped and parallel.no_facts == serial.no_facts
    assert [d.path for d in parallel.loaded] == [d.path for d in serial.loaded] and len(serial.loaded) == 4


def test_a_worker_that_dies_is_a_clear_error_and_the_store_keeps_its_state(tmp_path, plans, monkeypatch):
    store = tmp_path / "s.lbug"
    load_paths(Settings(store=str(store)), [ROOT / "seeds"])
    before = dump(store)
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in sorted(plans["synth"].glob("*.txt"))[:5]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "dies.txt").write_text(SMALL_PLAN, encoding="utf-8")
    monkeypatch.setattr(loading, "parse_document", _slow_or_dying(loading.parse_document))
    start = time.monotonic()
    with pytest.raises(KgError, match=r"died \(killed, or out of memory\) while parsing .*dies\.txt.*KG_WORKERS=1"):
        load_paths(Settings(store=str(store), workers=2), [folder])
    assert time.monotonic() - start < 60  # an error, not a hang
    assert dump(store) == before


def test_running_out_of_memory_in_a_worker_names_the_document(tmp_path, plans, monkeypatch):
    files = sorted(plans["synth"].glob("*.txt"))[:4]
    huge = tmp_path / "huge.txt"
    huge.write_text(SMALL_PLAN, encoding="utf-8")
    monkeypatch.setattr(loading, "parse_document", _slow_or_dying(loading.parse_document))
    with pytest.raises(KgError, match=r"huge\.txt: ran out of memory while parsing"):
        parse_paths([*files, huge], workers=2)


def test_a_named_file_that_fails_stops_a_parallel_load_before_anything_is_written(tmp_path, plans):
    store = tmp_path / "s.lbug"
    files = sorted(plans["synth"].glob("*.txt"))[:5]
    with pytest.raises(KgError, match="empty"):
        load_paths(Settings(store=str(store), workers=2), [*files, plans["bad"] / "empty.txt"])
    assert not store.exists()


def test_workers_setting_is_checked():
    assert Settings.from_env({"KG_WORKERS": "3"}).workers == 3
    assert Settings.from_env({}).workers == 0
    with pytest.raises(SettingError, match="KG_WORKERS"):
        Settings.from_env({"KG_WORKERS": "two"})
    with pytest.raises(SettingError, match="KG_WORKERS='-1' is below 0"):
        Settings.from_env({"KG_WORKERS": "-1"})


def test_the_bench_times_the_loaders_parse_on_one_process_and_on_every_core(plans):
    from bench.run import bench_parse_loader

    files = sorted(plans["synth"].glob("*.txt"))
    r = bench_parse_loader(files)
    assert r["parallel_workers"] == min(loading.count_workers(), len(files)) and r["parallel_workers"] >= 1
    assert r["serial_s"] > 0 and r["parallel_s"] > 0
    assert r["parallel_vs_serial"] == pytest.approx(r["parallel_s"] / r["serial_s"])
    # the workers' CPU time is counted, not only this process's: at least the serial parse's; above it by the
    # pool's start and the pickling (a second or so on a busy machine), not by a second parse
    assert 0.8 * r["serial_cpu_s"] < r["parallel_cpu_s"] < 3 * r["serial_cpu_s"] + 1.0


_STREAM = """
import sys, time
from pathlib import Path
from graph.loading import Job, ParseStream
files = sorted(Path(sys.argv[1]).glob("*.txt")) * 40
with ParseStream([Job(f) for f in files], workers=2) as stream:
    next(stream)
    print(" ".join(str(p) for p in stream._pool._processes), flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _gone(pids: list[int], seconds: float = 10) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc (Linux)")
@pytest.mark.parametrize("how", ["ctrl-c", "parent killed"])
def test_workers_in_their_own_sessions_stop_on_ctrl_c_and_when_the_parent_dies(plans, how):
    import subprocess
    import sys

    # a session of its own, as a terminal runs a command: Ctrl-C is SIGINT to its process group
    proc = subprocess.Popen([sys.executable, "-c", _STREAM, str(plans["synth"])], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        # each worker leads a session of its own (the scheduler's group), not the load's
        assert all(os.getsid(p) == p != os.getsid(proc.pid) for p in workers)
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)
            assert proc.wait(timeout=60) != 0  # the parent stopped, by KeyboardInterrupt (a busy machine: seconds)
        else:
            proc.kill()
            proc.wait(timeout=60)
        assert _gone(workers), "a worker outlived its load"
    finally:
        proc.kill()
        proc.wait()


def test_a_parsed_document_comes_back_from_a_worker_whole(plans):
    """Duties, clauses, items and mentions are pickled as their fields: every one comes back equal, of its class."""
    import pickle

    from loaders.entities import Mention
    from loaders.parse import MentionFact, parse_document

    for path in sorted(plans["synth"].glob("*.txt"))[:3]:
        doc = parse_document(path)
        doc.aliases = None
        back = pickle.loads(pickle.dumps(doc))
        assert back == doc and doc.mentions and doc.tasks[0].clauses[0].duties
        assert {type(m) for m in back.mentions} == {MentionFact}
        assert {type(m.mention) for m in back.mentions} == {Mention}
        assert vars(back.tasks[0].clauses[0].duties[0]) == vars(doc.tasks[0].clauses[0].duties[0])
        assert [m._asdict() for m in back.mentions] == [m._asdict() for m in doc.mentions]
        assert back.text.raw == doc.text.raw and back.text.text == doc.text.text
