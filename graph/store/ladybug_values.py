"""Ladybug result values as the plain dicts both stores return: nodes with `_label`, paths with `_nodes`."""

from decimal import Decimal


def plain_row(row: dict) -> dict:
    """Ladybug nodes and paths as plain dicts with `_label`, like the Neo4j store returns them."""
    return {k: plain_value(v) for k, v in row.items()}


def plain_value(v):
    if isinstance(v, dict) and "_LABEL" in v and "_NODES" not in v:
        return {"_label": v["_LABEL"], **{k: x for k, x in v.items() if not k.startswith("_") and x is not None}}
    if isinstance(v, dict) and "_NODES" in v:
        return {"_nodes": [plain_value(n) for n in v["_NODES"]], "_rels": [plain_value(r) for r in v["_RELS"]]}
    if isinstance(v, list):
        return [plain_value(x) for x in v]
    if isinstance(v, Decimal):  # a sum of integers (INT128) or a DECIMAL; Decimal has no is_integer before 3.12
        return int(v) if v == v.to_integral_value() else float(v)
    return v
