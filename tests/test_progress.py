"""Progress on stderr: a rich bar on a terminal, exactly one summary line otherwise, nothing with --quiet."""
from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

from bench.synth import write_corpus
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "shijingshan-incubator-work-plan-2023.txt"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_on_terminal(*args: str) -> tuple[int, str, str]:
    """Run `python -m graph …` with stderr on a pseudo-terminal (stdout piped, as `… > file` does):
    (exit status, what the terminal showed without escape codes, stdout)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_TERMINAL", "TTY_COMPATIBLE"}}
    env.update(TERM="xterm-256color", COLUMNS="140")
    proc = subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    piped: list[bytes] = []
    reader = threading.Thread(target=lambda: piped.append(proc.stdout.read()))  # a full pipe must not block it
    reader.start()
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    reader.join(timeout=300)
    stdout = piped[0].decode("utf-8")
    proc.stdout.close()
    return proc.wait(timeout=300), ANSI.sub("", shown.decode("utf-8", "replace")), stdout


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    write_corpus(folder, 4, seed=2)
    (folder / "manifest.json").unlink()
    return folder


def test_a_load_on_a_terminal_shows_a_progress_bar_then_the_summary(tmp_path):
    code, shown, stdout = run_on_terminal("load", str(_folder(tmp_path)), "--store", str(tmp_path / "s.lbug"))
    assert code == 0, shown
    assert re.search(r"(parsing|writing).*━.*\d+/4 documents", shown), shown  # the bar, with its count
    assert re.search(r"loaded 4 documents \([\d,]+ tasks, [\d,]+ responsibilities\) in \d+\.\d s", shown), shown
    assert "store now holds" in stdout


def test_without_a_terminal_a_load_prints_exactly_one_summary_line(tmp_path):
    res = run_cli("load", str(SEED), "--store", str(tmp_path / "s.lbug"))
    assert res.returncode == 0, res.stderr
    assert re.fullmatch(r"loaded 1 document \(16 tasks, 74 responsibilities\) in \d+\.\d s\n", res.stderr), res.stderr
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "plan.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_text("")
    res = run_cli("load", str(folder), "--store", str(tmp_path / "s.lbug"))
    assert res.returncode == 3
    skipped, summary = res.stderr.strip().splitlines()
    assert skipped.startswith("skipped") and summary.endswith("; 1 skipped"), res.stderr


def test_quiet_silences_progress_and_summary_but_never_an_error(tmp_path):
    store = str(tmp_path / "s.lbug")
    res = run_cli("load", str(SEED), "--store", store, "--quiet")
    assert res.returncode == 0 and res.stderr == "" and "loaded" in res.stdout
    code, shown, _ = run_on_terminal("load", str(_folder(tmp_path)), "--store", store, "-q")
    assert code == 0 and shown.strip() == "", shown
    bad = run_cli("load", str(tmp_path / "missing.txt"), "--store", store, "--quiet")
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "no such file" in lines[0]
    code, shown, _ = run_on_terminal("load", str(tmp_path / "missing.txt"), "--store", store, "-q")
    assert code == 2 and shown.strip().startswith("error:") and len(shown.strip().splitlines()) == 1, shown


def test_extract_on_a_terminal_shows_progress_and_keeps_stdout_as_it_is(tmp_path):
    files = sorted(str(p) for p in _folder(tmp_path).glob("*.txt"))
    code, shown, stdout = run_on_terminal("extract", *files)
    assert code == 0, shown
    assert re.search(r"parsing.*\d+/4 documents", shown), shown
    assert re.search(r"extracted [\d,]+ responsibilities from 4 documents in \d+\.\d s", shown), shown
    piped = run_cli("extract", *files)
    assert stdout == piped.stdout and [json.loads(line)["document"] for line in stdout.splitlines()][0] == files[0]
    assert re.fullmatch(r"extracted [\d,]+ responsibilities from 4 documents in \d+\.\d s\n", piped.stderr)
    assert run_cli("extract", *files, "--quiet", "--workers", "1").stderr == ""


def test_export_prints_one_summary_line_and_nothing_when_quiet(tmp_path):
    out = tmp_path / "g.graphml"
    res = run_cli("export", str(SEED), "--format", "graphml", "--output", str(out))
    assert res.returncode == 0 and out.stat().st_size > 0
    assert re.fullmatch(rf"wrote graphml \(\d+ nodes, \d+ relationships\) to {re.escape(str(out))}; parsed 1 document "
                        r"in \d+\.\d s\n", res.stderr), res.stderr
    quiet = run_cli("export", str(SEED), "--format", "graphml", "--output", str(tmp_path / "q.graphml"), "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    code, shown, _ = run_on_terminal("export", str(_folder(tmp_path)), "--format", "json", "--output",
                                     str(tmp_path / "g.json"))
    assert code == 0 and re.search(r"parsing.*4/4 documents", shown), shown
    assert "wrote json" in shown and "parsed 4 documents" in shown


def test_a_wrong_number_of_workers_is_one_error_line(tmp_path):
    res = run_cli("load", str(SEED), "--store", str(tmp_path / "s.lbug"), env={"KG_WORKERS": "many"})
    lines = res.stderr.strip().splitlines()
    assert res.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: KG_WORKERS='many'"), res.stderr
    assert not (tmp_path / "s.lbug").exists()
