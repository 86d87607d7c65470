"""Two versions of a plan compared: tasks added, removed, reworded; owners added/removed; lead changed."""
from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field

from loaders.parse import ParsedDocument

MATCH_AT = 0.6  # title similarity (difflib ratio) at or above which two tasks are the same task


@dataclass
class TaskChange:
    old_number: int | None
    new_number: int | None
    old_title: str
    new_title: str
    similarity: float = 1.0
    reworded: bool = False
    owners_added: list[str] = field(default_factory=list)
    owners_removed: list[str] = field(default_factory=list)
    lead_before: list[str] = field(default_factory=list)
    lead_after: list[str] = field(default_factory=list)

    @property
    def lead_changed(self) -> bool:
        return self.lead_before != self.lead_after

    @property
    def changed(self) -> bool:
        return self.reworded or bool(self.owners_added or self.owners_removed) or self.lead_changed


@dataclass
class PlanDiff:
    old: str
    new: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new, "added": self.added, "removed": self.removed,
                "changed": [{**asdict(c), "lead_changed": c.lead_changed} for c in self.changed],
                "unchanged": self.unchanged}


def _owners(doc: ParsedDocument, task) -> tuple[list[str], list[str]]:
    owners, leads = [], []
    for c in task.clauses:
        for d in c.duties:
            name = doc.canonical(d.unit)
            if name not in owners:
                owners.append(name)
            if d.role == "lead" and name not in leads:
                leads.append(name)
    return owners, leads


def _summary(doc: ParsedDocument, task) -> dict:
    owners, leads = _owners(doc, task)
    return {"number": task.number, "title": task.title, "lead": leads, "owners": owners,
            "deadline": getattr(task, "deadline", "")}


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_titles(old: list[str], new: list[str]) -> list[tuple[float, int, int]]:
    """(score, old index, new index) of the tasks two versions share: greedily by title similarity, best pairs
    first, none below MATCH_AT; the ledger carries its records along the same pairs."""
    pairs = sorted(((similarity(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
                   key=lambda x: (-x[0], x[1], x[2]))
    used_old, used_new, matched = set(), set(), []
    for score, i, j in pairs:
        if score < MATCH_AT:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        matched.append((score, i, j))
    return matched


def diff_documents(old: ParsedDocument, new: ParsedDocument) -> PlanDiff:
    """Match tasks (match_titles), then compare owners and leads."""
    matched = match_titles([t.title for t in old.tasks], [t.title for t in new.tasks])
    used_old, used_new = {i for _, i, _ in matched}, {j for _, _, j in matched}
    result = PlanDiff(old.path, new.path)
    result.removed = [_summary(old, t) for i, t in enumerate(old.tasks) if i not in used_old]
    result.added = [_summary(new, t) for j, t in enumerate(new.tasks) if j not in used_new]
    for score, i, j in sorted(matched, key=lambda x: x[2]):
        a, b = old.tasks[i], new.tasks[j]
        owners_a, leads_a = _owners(old, a)
        owners_b, leads_b = _owners(new, b)
        change = TaskChange(a.number, b.number, a.title, b.title, round(score, 3),
                            reworded=a.title != b.title or _body(a) != _body(b),
                            owners_added=[o for o in owners_b if o not in owners_a],
                            owners_removed=[o for o in owners_a if o not in owners_b],
                            lead_before=leads_a, lead_after=leads_b)
        if change.changed:
            result.changed.append(change)
        else:
            result.unchanged += 1
    return result


def _body(task) -> str:
    """The task's text without its duty clauses (a changed owner list is not a rewording)."""
    text = task.text
    for c in task.clauses:
        text = text.replace(c.text, "")
    return text.strip()


def render(d: PlanDiff) -> str:
    lines = [f"old: {d.old}", f"new: {d.new}",
             f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed, {d.unchanged} unchanged"]
    for t in d.added:
        lines.append(f"+ task {t['number']} {t['title']}  (lead: {'、'.join(t['lead']) or '-'}; "
                     f"owners: {'、'.join(t['owners']) or '-'})")
    for t in d.removed:
        lines.append(f"- task {t['number']} {t['title']}  (lead: {'、'.join(t['lead']) or '-'})")
    for c in d.changed:
        lines.append(f"~ task {c.old_number} -> {c.new_number} {c.new_title}")
        if c.reworded:
            lines.append(f"    reworded (title similarity {c.similarity:.2f})" +
                         (f": was 「{c.old_title}」" if c.old_title != c.new_title else ""))
        if c.owners_added:
            lines.append(f"    owners added: {'、'.join(c.owners_added)}")
        if c.owners_removed:
            lines.append(f"    owners removed: {'、'.join(c.owners_removed)}")
        if c.lead_changed:
            lines.append(f"    lead changed: {'、'.join(c.lead_before) or '-'} -> {'、'.join(c.lead_after) or '-'}")
    return "\n".join(lines)
