"""Hostile command-line input: one `error:` line, a non-zero exit, the store unchanged, never a traceback or a hang."""
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED

# root reads files whatever their mode; without these two capabilities it is refused like any other user
DROP_READ = (["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
             if os.geteuid() == 0 and shutil.which("setpriv") else [])


def cli(*args, env=None, timeout=60):
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([*DROP_READ, sys.executable, "-m", "graph", *map(str, args)], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("hardening") / "s.lbug"
    res = cli("load", SEED, "--store", path)
    assert res.returncode == 0, res.stderr
    return path


def one_error(res) -> str:
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert res.returncode != 0, res.stdout
    assert len(lines) == 1 and lines[0].startswith("error:"), res.stderr
    return lines[0]


def stats(store):
    return cli("stats", "--store", store).stdout


def test_unreadable_file_named_directly(tmp_path, store):
    before = stats(store)
    p = tmp_path / "secret.txt"
    p.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    p.chmod(0)
    assert "permission denied" in one_error(cli("load", p, "--store", store))
    assert "permission denied" in one_error(cli("extract", p))
    assert stats(store) == before


def test_unreadable_file_in_a_folder_is_skipped_by_name(tmp_path, store):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    locked = folder / "b.txt"
    locked.write_text("某区工作方案\n一、重点任务\n1.任务甲。(责任单位:区科委)\n", encoding="utf-8")
    locked.chmod(0)
    res = cli("load", folder, "--store", store)
    assert res.returncode == 3, res.stderr
    assert f"skipped {locked}: cannot be read (permission denied)" in res.stderr.replace("\n", "")
    assert "Traceback" not in res.stderr and "loaded" in res.stdout


def test_name_too_long(store):
    assert "too long" in one_error(cli("load", "x" * 300 + ".txt", "--store", store))


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_store_whose_folder_is_missing_or_a_file(tmp_path, kind):
    parent = tmp_path / "nowhere"
    if kind == "file":
        parent.write_text("")
    msg = one_error(cli("load", SEED, "--store", parent / "s.lbug"))
    assert "folder of the store" in msg
    assert kind == "file" or not parent.exists()  # nothing created on the way


@pytest.mark.parametrize("env,value", [("KG_BUFFER_POOL_MB", "abc"), ("KG_BUFFER_POOL_MB", "-5"),
                                       ("KG_CONSOLE_TIMEOUT", "abc"), ("KG_CONSOLE_TIMEOUT", "-1"),
                                       ("KG_CONSOLE_TIMEOUT", "0"), ("KG_CONSOLE_MAX_ROWS", "abc"),
                                       ("KG_CONSOLE_MAX_ROWS", "-3"), ("KG_CONSOLE_MAX_ROWS", "0"),
                                       ("KG_CONSOLE_MEMORY_MB", "lots")])
def test_bad_settings_name_the_setting(store, env, value):
    msg = one_error(cli("cypher", "MATCH (t:Task) RETURN count(t) AS n", "--store", store, env={env: value}))
    assert env in msg and repr(value) in msg


def test_export_to_a_folder_or_an_unwritable_path(tmp_path):
    assert "is a folder" in one_error(cli("export", SEED, "--output", tmp_path))
    assert "does not exist" in one_error(cli("export", SEED, "--output", tmp_path / "no" / "x.cypher"))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    assert "cannot write" in one_error(cli("export", SEED, "--output", locked / "x.cypher"))
    assert list(locked.iterdir()) == []  # nothing half-written
    target = tmp_path / "afile"
    target.write_text("")
    assert "cannot write" in one_error(cli("export", SEED, "--format", "neo4j-csv", "--output", target / "csv"))


@pytest.mark.parametrize("plans", ["abc", "0", "1,,2", "-1"])
def test_bench_plans(plans):
    res = subprocess.run([sys.executable, "-m", "bench", "--plans", plans], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert "--plans" in one_error(res)


def test_fifo_is_refused_before_reading(tmp_path, store):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    assert "named pipe" in one_error(cli("load", fifo, "--store", store, timeout=30))
    assert "named pipe" in one_error(cli("extract", fifo, timeout=30))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_before_reading(device, store):
    assert "character device" in one_error(cli("extract", device, timeout=30))
    assert "character device" in one_error(cli("load", device, "--store", store, timeout=30))


def test_reads_are_bounded_by_bytes_read_not_st_size(tmp_path, monkeypatch):
    from loaders.errors import TooLarge
    from loaders.files import open_bounded

    # /proc files claim a size of 0 whatever they hold: the bound must come from what is read
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(TooLarge):
        open_bounded("/proc/self/maps", max_bytes=16)
    assert open_bounded("/proc/self/maps")  # within the limit it reads the whole file
