"""Values a store holds checked against the model: a role or kind the model does not have means a damaged store."""
from __future__ import annotations

from graph.model import NODE_TYPES, ROLES
from graph.errors import StoreError


def find_invalid_values(run) -> list[str]:
    """What the store holds that the model cannot have, as `what: value ×count`; `run(cypher, params)` reads it."""
    problems = []
    for r in run("MATCH ()-[r:RESPONSIBLE_FOR]->() WHERE r.role IS NULL OR NOT r.role IN $roles "
                 "RETURN r.role AS value, count(*) AS n", {"roles": list(ROLES)}):
        problems.append(f"RESPONSIBLE_FOR.role {r['value']!r} ×{r['n']}")
    for label in NODE_TYPES:
        for r in run(f"MATCH (n:{label}) WHERE n.kind IS NULL OR n.kind <> $kind RETURN n.kind AS value, "
                     "count(*) AS n", {"kind": label}):
            problems.append(f"{label}.kind {r['value']!r} ×{r['n']}")
    return problems


def check_integrity(run, where: str, rebuild: str) -> None:
    """Raise StoreError naming the invalid values and how to rebuild the store."""
    problems = find_invalid_values(run)
    if problems:
        shown = ", ".join(problems[:5]) + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise StoreError(f"{where} is damaged: it holds values the model does not have ({shown}; roles are "
                         f"{', '.join(ROLES)}). Rebuild it: {rebuild}")
