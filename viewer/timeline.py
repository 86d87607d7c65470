"""Tasks by deadline, grouped by lead bureau (pure, over 分工表 rows): what the timeline page shows."""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.fengong import SheetRow

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_LEAD = "(未写牵头单位)"


@dataclass(frozen=True)
class Deadline:
    lead: str
    number: str
    task: str
    deadline: str  # ISO date, or the words of the plan (持续推进) when it names no date
    dated: bool
    supports: str


def deadline_items(rows: list[SheetRow]) -> list[Deadline]:
    """One item per (task, lead bureau) that has a deadline: dated ones by date, then undated, by lead and number."""
    out = []
    for r in rows:
        if not r.deadline:
            continue
        for lead in r.leads or (NO_LEAD,):
            out.append(Deadline(lead=lead, number=r.number, task=r.task, deadline=r.deadline,
                                dated=bool(_DATE.match(r.deadline)), supports="、".join(r.supports)))
    out.sort(key=lambda d: (not d.dated, d.deadline if d.dated else "", d.lead, _int(d.number)))
    return out


def by_lead(items: list[Deadline]) -> dict[str, list[Deadline]]:
    """Items grouped by lead bureau; the bureau with the earliest deadline first."""
    groups: dict[str, list[Deadline]] = {}
    for d in items:
        groups.setdefault(d.lead, []).append(d)
    return groups


def _int(s: str) -> int:
    return int(s) if s.isdigit() else 10**9
