"""The embedded store alone: read-only opens, a second writer, batched folder loads (the contract both stores keep is in test_store_contract.py)."""
import pytest

from graph.errors import StoreError


def test_read_only_store_refuses_to_load(seed_store, seed_graph):
    with pytest.raises(StoreError, match="read-only"):
        seed_store.write(seed_graph, [])


def test_second_writer_gets_a_clear_message(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from graph.store.ladybug import LadybugStore

    path = tmp_path / "locked.lbug"
    holder = LadybugStore(path)
    try:
        code = ("from graph.store.ladybug import LadybugStore\n"
                "from graph.errors import StoreError\n"
                f"try:\n    LadybugStore({str(path)!r})\nexcept StoreError as e:\n    print(e)\n")
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "PYTHONPATH": str(root)})
        assert "another process" in out.stdout, out.stdout + out.stderr
    finally:
        holder.close()


def test_a_writer_waits_out_a_lock_held_for_a_moment(tmp_path):
    """A reader that finds a checkpoint pending completes it with a read-write open of its own: a writer reopening
    the file just then (a load confirming its commit) must wait for it, not fail."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from graph.store.ladybug import LadybugStore
    from graph.store.ladybug_open import LOCK_WAIT_S

    path = tmp_path / "brief.lbug"
    LadybugStore(path).close()
    code = ("import ladybug, sys, time\n"
            "db = ladybug.Database(sys.argv[1])\n"
            "print('held', flush=True)\n"
            "time.sleep(1.5)\n"
            "db.close()\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        with LadybugStore(path) as store:
            assert store.counts()["Document"] == 0
        assert 0.5 < time.monotonic() - start < LOCK_WAIT_S
    finally:
        holder.wait(timeout=30)


def test_a_folder_loads_in_batches_to_the_same_store(tmp_path, plans_folder):
    from graph.loading import load_paths
    from graph.settings import Settings

    folder = plans_folder
    (folder / "empty.txt").write_text("")
    one = load_paths(Settings(store=str(tmp_path / "one.lbug")), [folder], batch=100)
    many = load_paths(Settings(store=str(tmp_path / "many.lbug")), [folder], batch=2)
    assert len(one.loaded) == len(many.loaded) == 4
    assert one.counts == many.counts and one.counts["Task"] == 19
    assert [p for p, _ in many.skipped] == [str(folder / "empty.txt")]


def test_a_store_that_has_its_schema_is_opened_without_ddl(tmp_path, seed_graph, seed_doc):
    from graph.model import NODE_TYPES, REL_TYPES
    from graph.store.ladybug import LadybugStore

    path = tmp_path / "schema.lbug"
    with LadybugStore(path) as first:
        assert sorted(first.created_tables) == sorted([*NODE_TYPES, *REL_TYPES])
        first.write(seed_graph, [seed_doc.doc_id])
        loaded = first.counts()
    with LadybugStore(path) as again:  # a load into an existing store: no CREATE TABLE at all
        assert again.created_tables == []
        again.write(seed_graph, [seed_doc.doc_id])
        assert again.counts() == loaded
        tables = {r["name"] for r in again.run("CALL show_tables() RETURN name")}
    assert set(NODE_TYPES) | set(REL_TYPES) <= tables
