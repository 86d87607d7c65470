"""`python -m graph ledger …`: the supervision ledger: set a status, show, history, Excel export and import, carry."""
from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from graph.store import open_store
from loaders.errors import KgError

EXAMPLES = """example:
  python -m graph ledger status 3 --plan 某政办发〔2025〕3号 --set 推进中 --bureau 区财政局 --note "已完成初步清理" --on 2026-03-31
  python -m graph ledger show --plan 某政办发〔2025〕3号 --overdue --as-of 2026-04-01
  python -m graph ledger history 3 --plan 某政办发〔2025〕3号
  python -m graph ledger export --plan 某政办发〔2025〕3号 --by-bureau --output 台账.xlsx
  python -m graph ledger import 台账-区财政局.xlsx --dry-run
  python -m graph ledger carry --from 某政办发〔2025〕3号 --to 某政办发〔2026〕1号
  python -m graph ledger hash-password   (the value for KG_EDIT_PASSWORD)"""


def register(subparsers, commands: dict, store_options, settings_of, print_rows) -> None:
    """Add `ledger` to the CLI; the store options, settings and table printer are main's, passed in."""
    p = subparsers.add_parser("ledger", help="the supervision ledger (督办台账): progress of every task and duty",
                              description="the supervision ledger (督办台账): progress of every task and duty, kept "
                                          "in the store across reloads", epilog=EXAMPLES,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="ledger_command", required=True)

    s = sub.add_parser("status", help="record a report on a task or on one bureau's duty")
    s.add_argument("task", metavar="TASK", help="the task's number (序号) in the plan, or its id")
    s.add_argument("--plan", required=True, help="document id, number or title")
    s.add_argument("--set", required=True, dest="status", metavar="STATUS", help="未启动 / 推进中 / 已完成 / 滞后 / 暂缓")
    s.add_argument("--bureau", default="", help="the duty reported on (default: the task as a whole)")
    s.add_argument("--by", default="", help="the reporting bureau (填报单位; default: --bureau)")
    s.add_argument("--note", default="", help="the report text (进展情况)")
    s.add_argument("--on", default="", metavar="DATE", help="the report's date, not in the future (default: today)")

    s = sub.add_parser("show", help="the ledger as a table: one row per (task, bureau) duty")
    s.add_argument("--plan", default="")
    s.add_argument("--bureau", default="")
    s.add_argument("--overdue", action="store_true", help="only what is past its deadline and not done")
    s.add_argument("--as-of", default="", metavar="DATE", help="the day overdue is judged on (default: today)")
    s.add_argument("--tasks", action="store_true", help="one row per task instead of per duty")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table")

    s = sub.add_parser("history", help="every report on a task, oldest first")
    s.add_argument("task", metavar="TASK")
    s.add_argument("--plan", required=True)
    s.add_argument("--format", choices=["table", "json", "csv"], default="table")

    s = sub.add_parser("export", help="write the plan's ledger as an Excel workbook for the bureaus")
    s.add_argument("--plan", required=True)
    s.add_argument("--bureau", default="", help="only this bureau's sheet")
    s.add_argument("--by-bureau", action="store_true", help="one sheet per bureau (default: one sheet for the plan)")
    s.add_argument("--as-of", default="", metavar="DATE", help="the day overdue rows are marked on (default: today)")
    s.add_argument("--output", "-o", required=True, metavar="FILE.xlsx")

    s = sub.add_parser("import", help="read a workbook the bureaus sent back; validate every row, then apply")
    s.add_argument("file", metavar="FILE.xlsx")
    s.add_argument("--dry-run", action="store_true", help="validate and list the changes, write nothing")
    s.add_argument("--strict", action="store_true", help="apply nothing when any row is refused")

    s = sub.add_parser("carry", help="carry the records of a plan to its new version (tasks matched as diff does)")
    s.add_argument("--from", dest="old", required=True, metavar="OLD_PLAN")
    s.add_argument("--to", dest="new", required=True, metavar="NEW_PLAN")

    sub.add_parser("hash-password", help="read a password and print its hash for KG_EDIT_PASSWORD")
    for name, parser in sub.choices.items():
        if name != "hash-password":
            store_options(parser)
    commands["ledger"] = lambda args: _run(args, settings_of, print_rows)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError:
        raise KgError(f"{what} '{text}' is not a date; write it as 2026-03-31.") from None


def _run(args, settings_of, print_rows) -> int:
    from graph import ledger

    if args.ledger_command == "hash-password":
        from graph.edit_access import hash_password

        password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("password: ")
        if not password:
            raise KgError("An empty password would let anyone edit; type one.")
        print(hash_password(password))
        return 0
    settings = settings_of(args)
    write = args.ledger_command in ("status", "import", "carry")
    read_only = not write or getattr(args, "dry_run", False)
    with open_store(settings, read_only=read_only) as store:
        if args.ledger_command == "status":
            record = ledger.set_status(store, args.plan, args.task, args.status, bureau=args.bureau,
                                       reported_by=args.by, note=args.note, reported_on=args.on)
            if record is None:
                print("unchanged: that is already the current report; nothing was written")
            else:
                print(f"recorded task {record['task_number']} {record['task_title']}: {record['status']}"
                      f" ({args.bureau or 'whole task'}, reported {record['reported_on']} by {args.by or args.bureau})")
            return 0
        if args.ledger_command == "show":
            return _show(store, args, print_rows)
        if args.ledger_command == "history":
            plan = ledger.resolve_plan(store, args.plan)
            tasks = ledger.read_tasks(store, plan)
            task = ledger.find_task(tasks, args.task)
            rows = [{"entered": r["entered_at"], "reported_on": r["reported_on"],
                     "duty": ledger.bureau_label(task, r["bureau"]) if r["bureau"] else "(whole task)",
                     "status": r["status"], "note": r["note"], "reported_by": ledger.bureau_label(task, r["reported_by"]),
                     "source": r["source"]}
                    for r in ledger.history(ledger.read_records(store, plan), task.task)]
            print_rows(rows, args.format, f"第{task.number}项 {task.title}",
                       ["entered", "reported_on", "duty", "status", "note", "reported_by", "source"])
            return 0
        if args.ledger_command == "export":
            from graph.ledger_xlsx import export_workbook

            plan = ledger.resolve_plan(store, args.plan)
            sheets = export_workbook(store, plan, Path(args.output), by_bureau=args.by_bureau, bureau=args.bureau,
                                     as_of=_day(args.as_of, "--as-of"))
            print(f"wrote {args.output}: " + ", ".join(f"{name} ({n} rows)" for name, n in sheets.items()))
            return 0
        if args.ledger_command == "import":
            return _import(store, args)
        report = ledger.carry_records(store, args.old, args.new)
        print(f"carried {report.carried} records to the new plan ({report.already} carried before)")
        for u in report.unplaced:
            print(f"unplaced: task {u['task_number']} {u['task_title']} · {u['bureau']} · {u['status']} "
                  f"({u['reported_on']}): {u['reason']}")
        if report.unplaced:
            print(f"{len(report.unplaced)} records could not be placed; they stay on the old plan")
        return 0


def _show(store, args, print_rows) -> int:
    from graph import ledger

    plan = ledger.resolve_plan(store, args.plan) if args.plan else ""
    as_of = _day(args.as_of, "--as-of")
    tasks, records = ledger.read_tasks(store, plan), ledger.read_records(store, plan)
    if args.tasks:
        rows = ledger.task_rows(tasks, records, as_of)
        if args.overdue:
            rows = [r for r in rows if r["overdue"]]
        cols = ["number", "title", "lead", "support", "deadline", "status", "overdue", "note", "reported_on"]
    else:
        rows = ledger.duty_rows(tasks, records, as_of, bureau=args.bureau, overdue_only=args.overdue)
        cols = ["number", "title", "bureau", "role", "deadline", "status", "overdue", "note", "reported_on",
                "reported_by"]
    print_rows(rows, args.format, f"督办台账 supervision ledger (as of {as_of.isoformat()})", cols)
    for r in ledger.unplaced_records(tasks, records):
        print(f"unplaced: task {r['task_number']} {r['task_title']} ({r['plan']}) · {r['status']}: its task is no "
              "longer in the store or is now another task; carry it to a new version with ledger carry",
              file=sys.stderr)
    return 0


def _import(store, args) -> int:
    from graph.ledger_xlsx import import_workbook

    report = import_workbook(store, Path(args.file), strict=args.strict, dry_run=args.dry_run)
    for r in report.applied:
        verb = "would set" if not report.written else "set"
        print(f"{verb}: task {r['task_number']} {r['task_title']} · {r['bureau'].removeprefix('bureau/') or 'whole task'}"
              f" → {r['status']} ({r['reported_on']})")
    for sheet, row, reason in report.refused:
        print(f"error: sheet {sheet} row {row}: {reason}", file=sys.stderr)
    state = ("nothing written (dry run)" if args.dry_run else
             "nothing written (--strict and some rows were refused)" if args.strict and report.refused else
             f"{len(report.applied)} written")
    print(f"{len(report.applied)} changed, {report.unchanged} unchanged, {len(report.refused)} refused: {state}")
    return 1 if report.refused else 0
