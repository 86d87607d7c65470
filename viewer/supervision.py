"""The 督办 page's pure parts (no Streamlit): ledger rows as an HTML table with overdue rows red, overdue by owner."""
from __future__ import annotations

import html
from datetime import date

from graph.ledger import OVERDUE_COLOUR, STATUS_COLOURS, STATUS_EN, STATUSES, deadline_date

TABLE_CSS = f"""
<style>
table.kg-ledger {{ border-collapse:collapse; width:100%; font-size:0.95rem; }}
table.kg-ledger th {{ background:#DDEBF7; text-align:left; padding:4px 8px; border-bottom:2px solid #9DB7D5; }}
table.kg-ledger td {{ padding:4px 8px; border-bottom:1px solid #E5E5E5; vertical-align:top; }}
table.kg-ledger tr.kg-overdue td {{ color:{OVERDUE_COLOUR}; font-weight:600; background:#FDECEC; }}
table.kg-ledger td:nth-child(2) {{ min-width:14em; }}
span.kg-status {{ padding:1px 6px; border-radius:4px; color:#fff; white-space:nowrap; }}
</style>
"""
COLUMNS = {"number": "序号", "title": "任务 task", "bureau": "单位 bureau", "lead": "牵头 lead",
           "support": "配合 support", "deadline": "完成时限 deadline", "status": "状态 status",
           "late_by": "逾期 overdue", "note": "进展情况 latest report", "reported_on": "填报日期 reported",
           "reported_by": "填报单位 by"}


def sort_rows(rows: list[dict]) -> list[dict]:
    """Overdue first, then by status (not started before done), then by deadline (undated last), then number."""
    def key(r):
        due = deadline_date(r["deadline"])
        return (not r["overdue"], STATUSES.index(r["status"]) if r["status"] != "已完成" else 9,
                due or date.max, r["number"] or 0)
    return sorted(rows, key=key)


def days_late(row: dict, as_of: date) -> int:
    due = deadline_date(row["deadline"])
    return (as_of - due).days if row["overdue"] and due else 0


def status_badge(status: str) -> str:
    return (f'<span class="kg-status" style="background:{STATUS_COLOURS.get(status, "#999")}">'
            f'{html.escape(status)} {STATUS_EN.get(status, "")}</span>')


def ledger_table_html(rows: list[dict], columns: list[str], as_of: date) -> str:
    """An HTML table, every value escaped; an overdue row has class kg-overdue (red) and says by how many days."""
    head = "".join(f"<th>{html.escape(COLUMNS[c])}</th>" for c in columns)
    body = []
    for r in rows:
        cells = []
        for c in columns:
            if c == "status":
                cells.append(f"<td>{status_badge(r['status'])}</td>")
            elif c == "late_by":
                n = days_late(r, as_of)
                cells.append(f"<td>{f'逾期 {n} 天' if n else ''}</td>")
            else:
                v = r.get(c)
                cells.append(f"<td>{html.escape('' if v is None else str(v))}</td>")
        cls = ' class="kg-overdue"' if r["overdue"] else ""
        body.append(f'<tr{cls} data-task="{html.escape(r["task"])}">{"".join(cells)}</tr>')
    return f'<table class="kg-ledger"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def overdue_by_owner(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Overdue task rows grouped under each lead bureau (a task with several leads under each), most overdue first:
    who owns what is late, for the meeting."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        if r["overdue"]:
            for lead in (r["lead"] or "—").split("、"):
                groups.setdefault(lead, []).append(r)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def status_counts(rows: list[dict]) -> dict[str, int]:
    return {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES}
