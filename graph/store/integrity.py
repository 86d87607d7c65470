"""What a store holds checked against the model: a role or kind the model does not have means a damaged store, and
a plan without its derived relationships was loaded by an earlier version."""
from __future__ import annotations

from graph.model import ENTITY_TYPES, NODE_TYPES, ROLES
from graph.errors import QueryError, StoreError


def find_invalid_values(run) -> list[str]:
    """What the store holds that the model cannot have, as `what: value ×count`; `run(cypher, params)` reads it."""
    problems = []
    for r in run("MATCH ()-[r:RESPONSIBLE_FOR]->() WHERE r.role IS NULL OR NOT r.role IN $roles "
                 "RETURN r.role AS value, count(*) AS n", {"roles": list(ROLES)}):
        problems.append(f"RESPONSIBLE_FOR.role {r['value']!r} ×{r['n']}")
    for label in NODE_TYPES:
        kinds = list(ENTITY_TYPES) if label == "Entity" else [label]
        for r in run(f"MATCH (n:{label}) WHERE n.kind IS NULL OR NOT n.kind IN $kinds RETURN n.kind AS value, "
                     "count(*) AS n", {"kinds": kinds}):
            problems.append(f"{label}.kind {r['value']!r} ×{r['n']}")
    return problems


def find_plans_missing_derived(run) -> list[str]:
    """Plans whose tasks have owners but no CARRIES relationship, or whose co-owned tasks have no CO_OWNS
    relationship: loaded by a version before these were derived (a store without the table, on Ladybug, refuses
    the read: then every such plan is missing)."""
    owners = run("MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task) WITH t.document AS d, t.id AS t, "
                 "count(DISTINCT b) AS owners RETURN d AS d, max(owners) AS most")
    missing = set()
    for rel, need in (("CARRIES", {r["d"] for r in owners}), ("CO_OWNS", {r["d"] for r in owners if r["most"] > 1})):
        if need:
            missing |= need - _documents_with(run, rel)
    return sorted(missing)


def _documents_with(run, rel: str) -> set[str]:
    try:
        return {r["d"] for r in run(f"MATCH ()-[c:{rel}]->() RETURN DISTINCT c.document AS d")}
    except QueryError as exc:
        if rel not in str(exc):
            raise
        return set()


def check_integrity(run, where: str, rebuild: str, reload: str) -> None:
    """Raise StoreError naming the invalid values and how to rebuild the store, or the plans to load again."""
    problems = find_invalid_values(run)
    if problems:
        shown = ", ".join(problems[:5]) + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise StoreError(f"{where} is damaged: it holds values the model does not have ({shown}; roles are "
                         f"{', '.join(ROLES)}). Rebuild it: {rebuild}")
    stale = find_plans_missing_derived(run)
    if stale:
        shown = ", ".join(stale[:3]) + (f" and {len(stale) - 3} more" if len(stale) > 3 else "")
        raise StoreError(f"{where} holds {len(stale)} plan(s) loaded by an earlier version, without the "
                         f"relationships derived at load time (CO_OWNS, CARRIES) that the questions read ({shown}). Load their "
                         f"documents again into the same store: {reload}")
