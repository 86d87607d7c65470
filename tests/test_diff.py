"""Two versions of a plan: added, removed, reworded tasks; owners added/removed; lead changed."""
import json
import subprocess
import sys
from pathlib import Path

from graph.diff import diff_documents
from loaders.parse import parse_text

OLD = ("一、重点任务\n1.加快建设孵化平台。(责任单位:区科委、区财政局)\n2.完善政策体系。(责任单位:区发改委、区商务局)\n"
       "3.开展宣传活动。(责任单位:区委宣传部)\n")
NEW = ("一、重点任务\n1.加快建设高水平孵化平台。(责任单位:区科委、区财政局)\n2.完善政策体系。(责任单位:区商务局、区发改委、区司法局)\n"
       "3.培育专业人才队伍。(责任单位:区人社局)\n")


def test_diff_documents():
    d = diff_documents(parse_text(OLD, "old.txt"), parse_text(NEW, "new.txt"))
    assert [t["title"] for t in d.added] == ["培育专业人才队伍"]
    assert [t["title"] for t in d.removed] == ["开展宣传活动"]
    by_title = {c.new_title: c for c in d.changed}
    assert by_title["加快建设高水平孵化平台"].reworded and not by_title["加快建设高水平孵化平台"].owners_added
    policy = by_title["完善政策体系"]
    assert not policy.reworded
    assert policy.owners_added == ["区司法局"]
    assert policy.lead_changed
    assert policy.lead_before == ["区发改委"] and policy.lead_after == ["区商务局"]


def test_diff_command_json(tmp_path):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-m", "graph", "diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"),
                          "--json"], cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["added"]) == 1 and len(data["removed"]) == 1
    assert any(c["lead_changed"] for c in data["changed"])
    text = subprocess.run([sys.executable, "-m", "graph", "diff", str(tmp_path / "old.txt"),
                           str(tmp_path / "new.txt")], cwd=root, capture_output=True, text=True).stdout
    assert "lead changed" in text and "owners added: 区司法局" in text
