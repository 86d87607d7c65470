"""The development corpus scored at the project's thresholds; negative documents give no facts."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("KG_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="module")
def result():
    if not (CORPUS / "docs").is_dir() or not (CORPUS / "gold").is_dir():
        pytest.fail(f"corpus not found at {CORPUS} (needs docs/ and gold/); set KG_CORPUS to its folder")
    from graph.score import score_corpus

    return score_corpus(CORPUS / "gold", CORPUS / "docs")


def test_micro_scores_meet_thresholds(result):
    assert result.role.f1 >= 0.95, result.as_dict()
    assert result.mention.f1 >= 0.97, result.as_dict()


def test_negative_documents_give_no_facts(result):
    negatives = [d for d in result.documents if d.negative]
    assert negatives
    assert all(d.found == 0 for d in negatives), [(d.name, d.extra) for d in negatives]


def test_score_command_exit_status():
    cmd = [sys.executable, "-m", "graph", "score", "--corpus", str(CORPUS)]
    ok = subprocess.run(cmd + ["--min-role-f1", "0.95", "--min-mention-f1", "0.97"], cwd=ROOT, capture_output=True,
                        text=True)
    assert ok.returncode == 0, ok.stderr
    assert "micro role F1" in ok.stdout
    too_high = subprocess.run(cmd + ["--min-role-f1", "1.01"], cwd=ROOT, capture_output=True, text=True)
    assert too_high.returncode == 1 and "below the minimum" in too_high.stderr
