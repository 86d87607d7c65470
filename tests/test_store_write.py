"""The embedded store's write path: small groups by UNWIND … CREATE, the same store as COPY, durable without a checkpoint."""
import subprocess
import sys
import textwrap

import pytest

from graph.errors import StoreError
from graph.model import NODE_TYPES, REL_TYPES
from tests.conftest import ROOT

PY = sys.executable


@pytest.fixture(scope="module")
def plans_graph(tmp_path_factory, seed_doc):
    """The seed and five synthetic plans: groups from one row to a few hundred."""
    from bench.synth import write_corpus
    from graph.build import build_graph
    from graph.loading import parse_paths

    folder = tmp_path_factory.mktemp("plans")
    write_corpus(folder, 5, seed=3)
    (folder / "manifest.json").unlink()
    docs = [seed_doc, *parse_paths([folder]).loaded]
    return build_graph(docs), [d.doc_id for d in docs]


def dump(store) -> tuple[dict, dict]:
    """Every node (label, id → all properties) and every relationship (type, from, to → properties, as a sorted
    list: a pair may be joined more than once)."""
    nodes = {}
    for label in NODE_TYPES:
        for row in store.run(f"MATCH (n:{label}) RETURN n AS n"):
            props = {k: v for k, v in row["n"].items() if not k.startswith("_")}
            nodes[(label, props["id"])] = props
    rels: dict = {}
    for rel in REL_TYPES:
        for row in store.run(f"MATCH (a)-[r:{rel}]->(b) RETURN a.id AS a, b.id AS b, r AS r"):
            props = {k: v for k, v in row["r"].items() if not k.startswith("_")}
            rels.setdefault((rel, row["a"], row["b"]), []).append(sorted(props.items(), key=str))
    return nodes, {k: sorted(v, key=str) for k, v in rels.items()}


def test_the_small_group_path_writes_the_same_store_as_copy(tmp_path, plans_graph):
    from graph.store.ladybug import LadybugStore

    graph, ids = plans_graph
    dumps = []
    for name, small_group in [("copy", 0), ("create", 10**9)]:
        with LadybugStore(tmp_path / f"{name}.lbug", small_group=small_group) as store:
            store.write(graph, ids)
            dumps.append(dump(store))
    assert len(dumps[0][0]) == graph.number_of_nodes()
    assert sum(len(v) for v in dumps[0][1].values()) == graph.number_of_edges()
    assert dumps[1] == dumps[0]  # node for node, relationship for relationship


def test_a_reload_through_the_small_group_path_gives_the_same_store(tmp_path, plans_graph, seed_graph):
    from graph.store.ladybug import LadybugStore

    graph, ids = plans_graph
    with LadybugStore(tmp_path / "once.lbug", small_group=0) as store:
        store.write(graph, ids)
        once = dump(store)
    with LadybugStore(tmp_path / "twice.lbug") as store:
        store.write(graph, ids)
        store.write(seed_graph, ids[:1])  # the seed again: its old subgraph deleted, rewritten by CREATE
        assert dump(store) == once


def test_a_value_of_the_wrong_type_fails_and_leaves_the_store_as_it_was(fresh_store, seed_graph, seed_doc):
    graph = seed_graph.copy()
    task = next(n for n, a in graph.nodes(data=True) if a["label"] == "Task")
    graph.nodes[task]["span_start"] = "12"  # INT64 in the schema
    fresh_store.small_group = 10**9
    with pytest.raises(StoreError, match="left as it was.*Task.span_start must be INT64"):
        fresh_store.write(graph, [seed_doc.doc_id])
    assert fresh_store.counts()["Document"] == 0


WRITE_AND_DIE = textwrap.dedent("""
    import os, sys
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document
    from tests.conftest import SEED
    doc = parse_document(SEED)
    graph = build_graph([doc])
    task = next(n for n, a in graph.nodes(data=True) if a["label"] == "Task")
    graph.nodes[task]["sentence"] = "长句" * 4000  # a log record far over a page (Ladybug issues #714, #771)
    store = LadybugStore(sys.argv[1])
    size = os.path.getsize(sys.argv[1])
    store.write(graph, [doc.doc_id])
    print(os.path.getsize(sys.argv[1]) == size, os.path.getsize(sys.argv[1] + ".wal") > 0, flush=True)
    if sys.argv[2] == "kill":
        os.kill(os.getpid(), 9)  # killed the moment the write returned: no close, no checkpoint
    sys.stdin.readline()  # held open until the test has read the store from another process
    store.close()
""")
READ = ("import sys\nfrom graph.store.ladybug import LadybugStore\n"
        "with LadybugStore(sys.argv[1], read_only=True) as s:\n"
        "    r = s.run('MATCH (t:Task) RETURN count(t) AS n, max(size(t.sentence)) AS longest')[0]\n"
        "    print(s.counts()['Document'], r['n'], r['longest'])\n")


def read_in_another_process(path) -> str:
    res = subprocess.run([PY, "-c", READ, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout.split()


def test_a_small_load_is_durable_without_a_checkpoint_when_killed_after_it_returns(tmp_path, seed_graph):
    from graph.store.ladybug import LadybugStore

    path = tmp_path / "killed.lbug"
    LadybugStore(path).close()  # the schema, checkpointed
    res = subprocess.run([PY, "-c", WRITE_AND_DIE, str(path), "kill"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == -9, res.stderr
    # the store file is untouched (no checkpoint ran); the commit is in the write-ahead log
    assert res.stdout.split() == ["True", "True"]
    tasks = sum(1 for _, a in seed_graph.nodes(data=True) if a["label"] == "Task")
    assert read_in_another_process(path) == ["1", str(tasks), "8000"]
    with LadybugStore(path) as store:  # a writer replays it too, and can write again
        assert store.counts()["Task"] == tasks


def test_a_small_load_is_seen_by_readers_while_the_writer_is_open_and_after_it_closes(tmp_path, seed_graph):
    from graph.store.ladybug import LadybugStore

    path = tmp_path / "open.lbug"
    LadybugStore(path).close()
    writer = subprocess.Popen([PY, "-c", WRITE_AND_DIE, str(path), "hold"], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().split() == ["True", "True"]
        tasks = sum(1 for _, a in seed_graph.nodes(data=True) if a["label"] == "Task")
        assert read_in_another_process(path) == ["1", str(tasks), "8000"]
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert read_in_another_process(path) == ["1", str(tasks), "8000"]


def test_a_load_with_a_copy_is_checkpointed_by_its_commit(tmp_path, plans_graph, seed_graph):
    from graph.store.ladybug import LadybugStore

    graph, ids = plans_graph
    path = tmp_path / "copied.lbug"
    with LadybugStore(path, small_group=10**9) as store:
        store.write(seed_graph, ids[:1])  # logged, not checkpointed
        wal = path.with_name(path.name + ".wal")
        assert wal.stat().st_size > 0
        store.small_group = 0
        store.write(graph, ids)  # COPY: the commit checkpoints, the earlier log with it
        assert not wal.exists() or wal.stat().st_size == 0
    assert read_in_another_process(path)[0] == str(len(ids))


TEAR = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    from graph.build import build_graph
    from graph.loading import parse_paths
    from graph.store.ladybug import LadybugStore
    from loaders.errors import KgError
    docs = parse_paths([Path(sys.argv[2])]).loaded
    graph = build_graph(docs)
    store = LadybugStore(sys.argv[1], small_group=10**9)  # every row logged: the log outgrows the limit
    limit = Path(sys.argv[1]).stat().st_size + 256 * 1024
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        store.write(graph, [d.doc_id for d in docs])
    except KgError as exc:
        print("error:", exc, flush=True)
        sys.exit(2)
""")


def test_a_logged_write_that_tears_the_log_leaves_the_logged_loads_before_it(tmp_path, seed_graph):
    from bench.synth import write_corpus
    from graph.store.ladybug import LadybugStore

    path = tmp_path / "torn.lbug"
    res = subprocess.run([PY, "-c", WRITE_AND_DIE, str(path), "kill"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == -9, res.stderr  # the seed is only in the log
    plans = tmp_path / "plans"
    write_corpus(plans, 3, seed=5)
    (plans / "manifest.json").unlink()
    res = subprocess.run([PY, "-c", TEAR, str(path), str(plans)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    # Ladybug cannot close a database whose log write failed (it aborts the process), but the error came first
    assert res.returncode != 0 and "error: Loading failed and the store was left as it was" in res.stdout, \
        res.stdout + res.stderr
    tasks = sum(1 for _, a in seed_graph.nodes(data=True) if a["label"] == "Task")
    assert read_in_another_process(path) == ["1", str(tasks), "8000"]  # replayed up to the tear
    with LadybugStore(path) as store:
        assert store.counts()["Document"] == 1


def test_small_loads_share_a_checkpoint_once_the_log_outgrows_its_limit(tmp_path, seed_graph, seed_doc):
    from graph.store.ladybug import LOG_LIMIT, LadybugStore

    path = tmp_path / "limit.lbug"
    wal = path.with_name(path.name + ".wal")
    sizes = []
    with LadybugStore(path) as store:
        for _ in range(8):  # the seed's reload logs ~0.3 MB: a few reloads cross the 1 MB limit
            store.write(seed_graph, [seed_doc.doc_id])
            sizes.append(wal.stat().st_size if wal.exists() else 0)
    assert max(sizes) < LOG_LIMIT + 1024 * 1024 and 0 < sizes[0] and min(sizes[1:]) < max(sizes), sizes
    assert read_in_another_process(path)[0] == "1"


RELOADS = textwrap.dedent("""
    import sys
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document
    from tests.conftest import SEED
    doc = parse_document(SEED)
    graph = build_graph([doc])
    with LadybugStore(sys.argv[1]) as store:
        for _ in range(int(sys.argv[2])):
            store.write(graph, [doc.doc_id])
""")


def test_readers_opening_during_logged_loads_are_never_refused(tmp_path):
    from tests.test_reliability import READER

    path = tmp_path / "busy.lbug"
    subprocess.run([PY, "-c", RELOADS, str(path), "1"], cwd=ROOT, check=True, timeout=120)
    writer = subprocess.Popen([PY, "-c", RELOADS, str(path), "12"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    readers = [subprocess.Popen([PY, "-c", READER, str(path), "15"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        assert writer.wait(timeout=300) == 0, writer.stderr.read()
        for reader in readers:
            out, err = reader.communicate(timeout=300)
            ok, failed, first = out.split(" ", 2)
            assert int(failed) == 0, first
            assert int(ok) > 3, err
    finally:
        for p in [writer, *readers]:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert read_in_another_process(path)[0] == "1"


def test_a_folder_batched_by_its_text_gives_the_same_store(tmp_path, plans_folder):
    from graph.loading import load_paths
    from graph.settings import Settings

    folder = plans_folder
    batches = []
    one = load_paths(Settings(store=str(tmp_path / "one.lbug")), [folder], batch_chars=0,
                     progress=lambda stage, n, total: batches.append(n) if stage == "write" else None)
    assert batches == [4]
    batches.clear()
    # the three small plans (~40 characters each) reach the bound together, the seed alone passes it
    many = load_paths(Settings(store=str(tmp_path / "many.lbug")), [folder], batch_chars=100,
                      progress=lambda stage, n, total: batches.append(n) if stage == "write" else None)
    assert batches == [3, 1]
    assert one.counts == many.counts and one.counts["Document"] == 4
