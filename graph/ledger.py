"""The supervision ledger (督办台账): progress records per task and per (task, bureau), history, status, overdue."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from graph.diff import MATCH_AT, match_titles, similarity
from graph.questions.catalogue import run_lookup
from graph.store.ledger import append_records, has_ledger
from loaders.errors import KgError

STATUSES = ("未启动", "推进中", "已完成", "滞后", "暂缓")
STATUS_EN = {"未启动": "not started", "推进中": "in progress", "已完成": "done", "滞后": "behind", "暂缓": "on hold"}
DONE = "已完成"
# the colours of the 督办 page and of the map's "show progress"; overdue overrides the status colour
STATUS_COLOURS = {"未启动": "#BDBDBD", "推进中": "#4A90D9", "已完成": "#2E9E44", "滞后": "#F5A623", "暂缓": "#8E6FBF"}
OVERDUE_COLOUR = "#D0021B"
TASK_LEVEL = ""  # the bureau of a record about the task as a whole


class LedgerError(KgError):
    """A progress record cannot be made: unknown plan, task, bureau or status, or a bad date."""


@dataclass
class Owner:
    bureau: str
    short_name: str
    name: str
    aliases: list[str]
    role: str

    def answers_to(self, text: str) -> bool:
        text = text.strip()
        return text in {self.bureau, self.bureau.removeprefix("bureau/"), self.short_name, self.name,
                        *self.aliases}


@dataclass
class LedgerTask:
    task: str
    plan: str
    number: int | None
    title: str
    deadline: str
    owners: list[Owner] = field(default_factory=list)

    def owner(self, text: str) -> Owner | None:
        return next((o for o in self.owners if o.answers_to(text)), None)

    def names(self, role: str) -> list[str]:
        return [o.short_name or o.name for o in self.owners if (o.role == "lead") == (role == "lead")]


# -- reading ---------------------------------------------------------------------------------------------------
def read_tasks(store, plan: str = "") -> dict[str, LedgerTask]:
    """Every task (of one plan, or of all) with its deadline and owners, in plan order."""
    tasks: dict[str, LedgerTask] = {}
    for r in run_lookup(store, "ledger_tasks", {"plan": plan}):
        t = tasks.get(r["task"])
        if t is None:
            t = tasks[r["task"]] = LedgerTask(r["task"], r["plan"], r["number"], r["title"] or "", r["deadline"] or "")
        if r["bureau"] and not any(o.bureau == r["bureau"] for o in t.owners):
            t.owners.append(Owner(r["bureau"], r["short_name"] or "", r["name"] or "", list(r["aliases"] or []),
                                  r["role"] or ""))
    return tasks


def read_records(store, plan: str = "") -> list[dict]:
    """Every record, oldest first (an embedded store made before the ledger existed has none)."""
    if not has_ledger(store):
        return []
    return run_lookup(store, "ledger_records", {"plan": plan})


def resolve_plan(store, text: str) -> str:
    """A plan's document id from its id, document number or (part of) its title."""
    docs = run_lookup(store, "documents")
    text = text.strip()
    exact = [d for d in docs if text in (d["id"], d["doc_number"], d["title"])]
    found = exact or [d for d in docs if text and text in (d["title"] or "")]
    if len(found) == 1:
        return found[0]["id"]
    if not found:
        raise LedgerError(f"No plan '{text}' in the store; give its document id, number or title "
                          "(list them with: python -m graph summary).")
    raise LedgerError(f"'{text}' names {len(found)} plans ({'; '.join(d['title'] for d in found[:5])}); "
                      "give the document id or number.")


def find_task(tasks: dict[str, LedgerTask], ref: str) -> LedgerTask:
    """A task by id, or by its number in the plan the tasks were read from."""
    ref = str(ref).strip()
    if ref in tasks:
        return tasks[ref]
    found = [t for t in tasks.values() if ref.isdigit() and t.number == int(ref)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise LedgerError(f"Task {ref} is in {len(found)} plans; name the plan with --plan.")
    raise LedgerError(f"No task '{ref}' in this plan; give the task's number (序号) or id.")


# -- status and overdue ------------------------------------------------------------------------------------------
def deadline_date(deadline: str) -> date | None:
    """The task's deadline as a date when the plan states one (the loader writes it as an ISO date)."""
    try:
        return date.fromisoformat((deadline or "").strip())
    except ValueError:
        return None  # 持续推进, 长期坚持 … : no date, never overdue


def is_overdue(deadline: str, status: str, as_of: date) -> bool:
    due = deadline_date(deadline)
    return due is not None and due < as_of and status != DONE


def is_placed(tasks: dict[str, LedgerTask], record: dict) -> bool:
    """Whether a record's task is in the store and is still the task it was written for: a task's id is its place
    in the plan, so a reload that reorders the tasks would otherwise hand the record to another task."""
    task = tasks.get(record["task"])
    return task is not None and (task.title == record["task_title"]
                                 or similarity(task.title, record["task_title"] or "") >= MATCH_AT)


def placed_records(tasks: dict[str, LedgerTask], records: list[dict]) -> list[dict]:
    return [r for r in records if is_placed(tasks, r)]


def current_records(records: list[dict]) -> dict[tuple[str, str], dict]:
    """The latest record per (task, bureau); bureau '' is the task as a whole."""
    latest: dict[tuple[str, str], dict] = {}
    for r in sorted(records, key=lambda r: (r["seq"], r["id"])):
        latest[(r["task"], r["bureau"] or TASK_LEVEL)] = r
    return latest


def task_status(task: LedgerTask, latest: dict[tuple[str, str], dict]) -> tuple[str, dict | None]:
    """The task's status and the record it comes from: a record on the whole task when it is the newest, else the
    duties' statuses combined (all done: done; any behind: behind; all on hold: on hold; any progress: in progress)."""
    whole = latest.get((task.task, TASK_LEVEL))
    duties = [latest.get((task.task, o.bureau)) or whole for o in task.owners]
    newest_duty = max((d["seq"] for d in duties if d is not None and d is not whole), default=None)
    if whole is not None and (newest_duty is None or whole["seq"] > newest_duty):
        return whole["status"], whole
    statuses = [d["status"] if d else "未启动" for d in duties] or ["未启动"]
    source = max((d for d in duties if d), key=lambda d: d["seq"], default=None)
    if all(s == DONE for s in statuses):
        return DONE, source
    if "滞后" in statuses:
        return "滞后", source
    if all(s == "暂缓" for s in statuses):
        return "暂缓", source
    if "推进中" in statuses or DONE in statuses:
        return "推进中", source
    return "未启动", source


def duty_rows(tasks: dict[str, LedgerTask], records: list[dict], as_of: date, *, bureau: str = "",
              overdue_only: bool = False) -> list[dict]:
    """One row per (task, bureau) duty: its current status (its own latest record, else the task's), overdue."""
    latest = current_records(placed_records(tasks, records))
    rows = []
    for t in tasks.values():
        for o in t.owners:
            if bureau and not o.answers_to(bureau):
                continue
            rec = latest.get((t.task, o.bureau)) or latest.get((t.task, TASK_LEVEL))
            status = rec["status"] if rec else "未启动"
            late = is_overdue(t.deadline, status, as_of)
            if overdue_only and not late:
                continue
            rows.append({"plan": t.plan, "task": t.task, "number": t.number, "title": t.title,
                         "bureau": o.short_name or o.name, "bureau_id": o.bureau, "role": o.role,
                         "deadline": t.deadline, "status": status, "overdue": late,
                         "note": rec["note"] if rec else "", "reported_on": rec["reported_on"] if rec else "",
                         "reported_by": bureau_label(t, rec["reported_by"]) if rec else ""})
    return rows


def task_rows(tasks: dict[str, LedgerTask], records: list[dict], as_of: date) -> list[dict]:
    """One row per task: status, deadline, overdue, lead and supporting bureaus, the latest report."""
    latest = current_records(placed_records(tasks, records))
    rows = []
    for t in tasks.values():
        status, rec = task_status(t, latest)
        rows.append({"plan": t.plan, "task": t.task, "number": t.number, "title": t.title,
                     "lead": "、".join(t.names("lead")), "support": "、".join(t.names("support")),
                     "deadline": t.deadline, "status": status, "overdue": is_overdue(t.deadline, status, as_of),
                     "note": rec["note"] if rec else "", "reported_on": rec["reported_on"] if rec else "",
                     "reported_by": bureau_label(t, rec["reported_by"]) if rec else ""})
    return rows


def unplaced_records(tasks: dict[str, LedgerTask], records: list[dict]) -> list[dict]:
    """Current records whose task is no longer in the store (its plan was removed or reloaded without it), or whose
    task id now names another task (the plan was reloaded with its tasks reordered); never counted, always listed."""
    return [r for r in current_records(records).values() if not is_placed(tasks, r)]


def fetch_task_status_colours(store, as_of: date | None = None, plan: str = "") -> dict[str, str]:
    """task_status_colours read from a store: what the map's "show progress" needs in one call."""
    tasks = read_tasks(store, plan)
    return task_status_colours(tasks, read_records(store, plan), as_of or date.today())


def history(records: list[dict], task: str) -> list[dict]:
    """Every record on a task (the whole task and each duty), oldest first: nothing is ever overwritten."""
    return sorted((r for r in records if r["task"] == task), key=lambda r: (r["seq"], r["id"]))


def task_status_colours(tasks: dict[str, LedgerTask], records: list[dict], as_of: date) -> dict[str, str]:
    """Task node id → fill colour for the map's "show progress": overdue red, else the status's colour."""
    latest = current_records(placed_records(tasks, records))
    colours = {}
    for t in tasks.values():
        status, _ = task_status(t, latest)
        colours[t.task] = OVERDUE_COLOUR if is_overdue(t.deadline, status, as_of) else STATUS_COLOURS[status]
    return colours


def bureau_label(task: LedgerTask, bureau_id: str) -> str:
    o = next((o for o in task.owners if o.bureau == bureau_id), None)
    return (o.short_name or o.name) if o else bureau_id.removeprefix("bureau/")


# -- writing ---------------------------------------------------------------------------------------------------
def parse_report_date(value, today: date) -> str:
    """A report's date as ISO text; a date after today is refused (a report cannot come from the future)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        day = value
    else:
        text = str(value or "").strip().replace("/", "-").replace(".", "-")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise LedgerError(f"report date '{value}' is not a date; write it as 2026-03-31") from None
    if day > today:
        raise LedgerError(f"report date {day.isoformat()} is in the future (today is {today.isoformat()})")
    return day.isoformat()


def make_record(task: LedgerTask, *, status: str, reported_by: str, bureau: str = "", note: str = "",
                reported_on="", today: date | None = None, source: str = "") -> dict:
    """A validated new record: a known status, a reporting bureau that owns the task, a duty of that task, a date
    not in the future (today when not given)."""
    today = today or date.today()
    status = (status or "").strip()
    if status not in STATUSES:
        raise LedgerError(f"unknown status '{status}'; use one of {' / '.join(STATUSES)}")
    duty = TASK_LEVEL
    if bureau:
        owner = task.owner(bureau)
        if owner is None:
            raise LedgerError(f"{bureau} does not own task {task.number} ({_owners_text(task)})")
        duty = owner.bureau
    if not (reported_by or "").strip():
        raise LedgerError("say which bureau reports (填报单位): every record names its reporting bureau")
    reporter = task.owner(reported_by)
    if reporter is None:
        raise LedgerError(f"{reported_by} reports on task {task.number} but does not own it ({_owners_text(task)})")
    return {"id": uuid.uuid4().hex, "seq": 0, "plan": task.plan, "task": task.task, "task_number": task.number,
            "task_title": task.title, "bureau": duty, "status": status, "note": (note or "").strip(),
            "reported_on": parse_report_date(reported_on or today, today), "reported_by": reporter.bureau,
            "entered_at": "", "source": source, "carried_from": ""}


def _owners_text(task: LedgerTask) -> str:
    return "owners: " + ("、".join(o.short_name or o.name for o in task.owners) or "none")


def _same_report(a: dict, b: dict | None) -> bool:
    return b is not None and all(a[k] == b[k] for k in ("status", "note", "reported_on", "reported_by"))


def _stamp(records: list[dict]) -> list[dict]:
    """Entry order and time, given at write time so a batch keeps the order it was read in."""
    now = datetime.now(timezone.utc)
    base = time.time_ns()
    return [{**r, "seq": base + i, "entered_at": r["entered_at"] or now.isoformat(timespec="seconds")}
            for i, r in enumerate(records)]


def new_records(store, candidates: list[dict]) -> tuple[list[dict], list[dict]]:
    """(records that change something, records equal to the current report of their duty): a report entered twice
    is not a change, so importing the same sheet again writes nothing."""
    latest = current_records(read_records(store))
    fresh, same = [], []
    for c in candidates:
        key = (c["task"], c["bureau"])
        if _same_report(c, latest.get(key)):
            same.append(c)
        else:
            fresh.append(c)
            latest[key] = c
    return fresh, same


def save_records(store, records: list[dict]) -> int:
    """Append records in one transaction (all or none)."""
    return append_records(store, _stamp(records)) if records else 0


def set_status(store, plan: str, task_ref: str, status: str, *, bureau: str = "", reported_by: str = "",
               note: str = "", reported_on="", today: date | None = None, source: str = "cli") -> dict | None:
    """Record one report; returns the record written, or None when it repeats the current report."""
    tasks = read_tasks(store, resolve_plan(store, plan))
    task = find_task(tasks, task_ref)
    record = make_record(task, status=status, bureau=bureau, reported_by=reported_by or bureau, note=note,
                         reported_on=reported_on, today=today, source=source)
    fresh, _ = new_records(store, [record])
    save_records(store, fresh)
    return fresh[0] if fresh else None


# -- a new version of a plan ---------------------------------------------------------------------------------------
def match_tasks(old: list[LedgerTask], new: list[LedgerTask]) -> dict[str, str]:
    """Old task id → new task id, matched as graph.diff matches two versions' tasks: greedily by title similarity,
    best pairs first, none below MATCH_AT."""
    return {old[i].task: new[j].task for _, i, j in match_titles([t.title for t in old], [t.title for t in new])}


@dataclass
class CarryReport:
    carried: int = 0
    already: int = 0
    unplaced: list[dict] = field(default_factory=list)  # {task_number, task_title, bureau, status, reason}


def carry_records(store, old_plan: str, new_plan: str) -> CarryReport:
    """Copy each record of the old plan to the matching task of the new one (same duty when the bureau still owns
    it), keeping its dates and order; list every record that cannot be placed. The old records stay."""
    old_id, new_id = resolve_plan(store, old_plan), resolve_plan(store, new_plan)
    if old_id == new_id:
        raise LedgerError("The old and the new plan are the same document; reloading a plan keeps its ledger.")
    old_tasks, new_tasks = read_tasks(store, old_id), read_tasks(store, new_id)
    mapping = match_tasks(list(old_tasks.values()), list(new_tasks.values()))
    records = read_records(store)
    done = {r["carried_from"] for r in records if r["plan"] == new_id and r["carried_from"]}
    report, copies = CarryReport(), []
    for r in (r for r in records if r["plan"] == old_id):
        if r["id"] in done:
            report.already += 1
            continue
        old_task = old_tasks.get(r["task"])
        target = new_tasks.get(mapping.get(r["task"], ""))
        reason = ""
        if target is None:
            reason = "no matching task in the new plan" if old_task else "its task is no longer in the old plan"
        elif r["bureau"] and not any(o.bureau == r["bureau"] for o in target.owners):
            reason = "the bureau no longer owns the matching task"
        elif not any(o.bureau == r["reported_by"] for o in target.owners):
            reason = "the reporting bureau does not own the matching task"
        label = (bureau_label(old_task, r["bureau"]) if old_task else r["bureau"].removeprefix("bureau/")) \
            if r["bureau"] else "(whole task)"
        if reason:
            report.unplaced.append({"task_number": r["task_number"], "task_title": r["task_title"],
                                    "bureau": label, "status": r["status"], "reported_on": r["reported_on"],
                                    "reason": reason})
            continue
        copies.append({**r, "id": uuid.uuid4().hex, "plan": target.plan, "task": target.task,
                       "task_number": target.number, "task_title": target.title, "carried_from": r["id"],
                       "source": f"carried from {old_id}"})
    # carried records keep their place in time: the new plan's own later reports stay current
    if copies:
        append_records(store, copies)
    report.carried = len(copies)
    return report

