"""The project installs as a package: the wheel carries the loader tables and the queries, and the console command
works from a folder outside the checkout."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_the_command_runs_outside_the_checkout(tmp_path):
    source, wheels, target, work = (tmp_path / d for d in ("source", "wheels", "site", "elsewhere"))
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in tracked.split():  # the checkout's files as committed, so a build leaves nothing behind in it
        if (ROOT / rel).is_file():
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, source / rel)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    # the build backend pinned in requirements-dev.txt is already in the venv: no download
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)], check=True,
                   cwd=tmp_path, timeout=300)
    (wheel,) = wheels.glob("policy_graph-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300)
    shutil.copytree(ROOT / "seeds", work / "seeds")
    env = {**os.environ, "PYTHONPATH": str(target), "COLUMNS": "200"}
    env.pop("KG_STORE", None)
    command = [sys.executable, str(target / "bin" / "policy-graph")]

    load = subprocess.run([*command, "load", "seeds/"], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr
    assert (work / "data" / "graph.lbug").exists()
    listed = subprocess.run([*command, "ask", "--list"], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    questions = sorted(p.stem for p in (ROOT / "queries").glob("*.cypher"))
    assert all(name in listed.stdout for name in questions)
    # the installed code, not the checkout's, answered
    where = subprocess.run([sys.executable, "-c", "import graph, queries; print(graph.__file__, queries.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert str(target) in where.stdout and str(ROOT) not in where.stdout
