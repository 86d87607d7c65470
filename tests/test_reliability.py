"""A load is durable or it fails; readers are never refused because a writer is busy; a killed load leaves no trace."""
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import ROOT, SEED

PY = sys.executable
READER = textwrap.dedent("""
    import sys, time
    from graph.ladybug_store import LadybugStore
    from loaders.errors import KgError
    end, ok, failed = time.monotonic() + float(sys.argv[2]), 0, []
    while time.monotonic() < end:
        try:
            store = LadybugStore(sys.argv[1], read_only=True)
            store.counts()
            store.close()
            ok += 1
        except KgError as exc:
            failed.append(str(exc))
        time.sleep(0.05)
    print(ok, len(failed), failed[:1])
""")
WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from graph.build import build_graph
    from graph.ladybug_store import LadybugStore
    from graph.loading import parse_paths
    from loaders.errors import KgError
    docs = parse_paths([Path(sys.argv[2])]).loaded
    graph = build_graph(docs)
    store = LadybugStore(sys.argv[1])
    try:
        store.write(graph, [d.doc_id for d in docs])
    except KgError as exc:
        print("error:", exc)
        sys.exit(2)
""")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from bench.synth import write_corpus

    folder = tmp_path_factory.mktemp("plans")
    write_corpus(folder, 60)
    (folder / "manifest.json").unlink(missing_ok=True)
    return folder


@pytest.fixture
def seeded(tmp_path):
    path = tmp_path / "s.lbug"
    res = subprocess.run([PY, "-m", "graph", "load", str(SEED), "--store", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return path


def documents_and_tasks(path):
    from graph.ladybug_store import LadybugStore

    store = LadybugStore(path, read_only=True)
    try:
        counts = store.counts()
        per_doc = store.run("MATCH (t:Task) RETURN t.document AS d, count(t) AS n")
    finally:
        store.close()
    return counts["Document"], counts["Task"], {r["d"]: r["n"] for r in per_doc}


def limit_file_size(limit):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


# finding 1: data loss was reported as success
def test_a_load_the_file_size_limit_cannot_hold_fails_before_writing(seeded, corpus):
    before = documents_and_tasks(seeded)
    limit = seeded.stat().st_size + 2 * 1024 * 1024
    res = subprocess.run([PY, "-m", "graph", "load", str(corpus), "--store", str(seeded)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, preexec_fn=limit_file_size(limit))
    assert res.returncode != 0
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "file-size limit" in lines[0], res.stderr
    assert documents_and_tasks(seeded) == before  # readers work and see the old state


def test_a_checkpoint_that_runs_out_of_space_is_an_error_and_keeps_the_old_state(seeded, corpus):
    before = documents_and_tasks(seeded)
    limit = seeded.stat().st_size + 2 * 1024 * 1024  # the store file cannot take the new documents
    res = subprocess.run([PY, "-c", WRITER, str(seeded), str(corpus)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, preexec_fn=limit_file_size(limit))
    assert res.returncode == 2, res.stdout + res.stderr
    assert "error:" in res.stdout and ("did not reach the disk" in res.stdout or "left as it was" in res.stdout)
    assert "held before" in res.stdout or "left as it was" in res.stdout
    assert not seeded.with_name(seeded.name + ".shadow").exists() or \
        seeded.with_name(seeded.name + ".shadow").stat().st_size == 0
    assert documents_and_tasks(seeded) == before


def test_a_successful_load_is_confirmed_by_reopening(seeded, corpus):
    res = subprocess.run([PY, "-m", "graph", "load", str(corpus), "--store", str(seeded)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    docs, tasks, per_doc = documents_and_tasks(seeded)
    assert docs == 61 and len(per_doc) == 61
    assert f"Document {docs}," in res.stdout and f"Task {tasks}," in res.stdout


# finding 5: readers refused during a commit; locked out after a crash, with advice to delete the store
def test_concurrent_readers_during_a_load_are_never_refused(seeded, corpus):
    load = subprocess.Popen([PY, "-m", "graph", "load", str(corpus), "--store", str(seeded)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    readers = [subprocess.Popen([PY, "-c", READER, str(seeded), "25"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        assert load.wait(timeout=300) == 0, load.stderr.read()
        for reader in readers:
            out, err = reader.communicate(timeout=300)
            ok, failed, first = out.split(" ", 2)
            assert int(failed) == 0, first
            assert int(ok) > 10, err
    finally:
        for p in [load, *readers]:
            if p.poll() is None:
                p.kill()
                p.wait()


@pytest.mark.parametrize("after_s", [0.8, 2.0, 3.2, 4.4, 5.6, 7.0])
def test_a_killed_load_never_leaves_a_partial_document(seeded, corpus, after_s):
    from graph.ladybug_store import LadybugStore
    from graph.loading import parse_paths

    seed_docs, seed_tasks, _ = documents_and_tasks(seeded)
    load = subprocess.Popen([PY, "-m", "graph", "load", str(corpus), "--store", str(seeded)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after_s)
    os.kill(load.pid, signal.SIGKILL)
    load.wait()
    # the next reader opens the store (recovering it if the kill left a checkpoint pending): no error, no advice
    docs, tasks, per_doc = documents_and_tasks(seeded)
    assert docs in (seed_docs, seed_docs + 60)
    if docs == seed_docs + 60:
        expected = {d.doc_id: len(d.tasks) for d in parse_paths([corpus]).loaded}
        assert all(per_doc[d] == n for d, n in expected.items())
    else:
        assert tasks == seed_tasks
    # and a writer can load again afterwards
    store = LadybugStore(seeded)
    store.close()
