"""Node and relationship types, their properties and ids; the schema written down once (no I/O)."""
from __future__ import annotations

from loaders.entities import ENTITY_TYPES  # the kinds of Entity: what the loaders find

# every node and relationship carries where it came from
PROVENANCE = {"document": "STRING", "section": "STRING", "span_start": "INT64", "span_end": "INT64",
              "sentence": "STRING"}

NODE_TYPES: dict[str, dict[str, str]] = {
    "Document": {"title": "STRING", "notice_title": "STRING", "doc_number": "STRING", "signed_on": "STRING",
                 "published_on": "STRING", "disclosure": "STRING", "parent_policy": "STRING",
                 "jurisdiction": "STRING", "path": "STRING", "sha256": "STRING"},
    "Policy": {},
    "Programme": {"number": "INT64", "seq": "INT64"},
    "Task": {"number": "INT64", "seq": "INT64", "title": "STRING", "text": "STRING", "programme": "STRING",
             "deadline": "STRING", "leader": "STRING"},
    "Principle": {"number": "INT64", "text": "STRING"},
    "Measure": {"number": "INT64", "text": "STRING"},
    "Target": {"metric": "STRING", "comparator": "STRING", "value": "DOUBLE", "unit": "STRING",
               "year": "INT64", "text": "STRING"},
    "Bureau": {"short_name": "STRING", "aliases": "STRING[]", "jurisdiction": "STRING", "in_alias_table": "BOOLEAN"},
    # an industry track, park, incubator, initiative or stakeholder a text names, its kind in `kind`: one table for
    # the five (each table a write touches costs Ladybug a fixed buffer until the commit, and every relationship
    # type between the items and the entities one more table per pair)
    "Entity": {"source": "STRING"},
}
# nodes that belong to one document and are replaced when it is loaded again; the rest are shared
DOCUMENT_OWNED = ("Document", "Programme", "Task", "Principle", "Measure", "Target")
ITEM_LABELS = ("Task", "Principle", "Measure", "Target", "Document")

REL_TYPES: dict[str, dict] = {
    "RESPONSIBLE_FOR": {"pairs": [("Bureau", "Task"), ("Bureau", "Measure")],
                        # inherited_from: the id of the heading task whose marker names this owner, for a task
                        # with none of its own under it (一、…(X牵头) over 1. 2.); null for a task's own marker
                        "props": {"role": "STRING", "unit_as_written": "STRING", "clause": "STRING",
                                  "inherited_from": "STRING"},
                        "key": "role"},
    "PART_OF": {"pairs": [("Task", "Programme"), ("Task", "Document"), ("Programme", "Document"),
                          ("Principle", "Document"), ("Measure", "Document"), ("Target", "Document")],
                "props": {}},
    "ISSUED": {"pairs": [("Bureau", "Document")], "props": {"name_as_written": "STRING"}},
    "DRAFTED": {"pairs": [("Bureau", "Document")], "props": {"name_as_written": "STRING"}},
    "IMPLEMENTS": {"pairs": [("Document", "Policy")], "props": {}},
    "MENTIONS": {"pairs": [(a, "Entity") for a in ITEM_LABELS],
                 "props": {"text": "STRING", "mentions": "INT64"}},
    # derived at load time, one per task and pair of bureaus sharing it (a.id < b.id): the task's id and number
    # (its provenance is the task's), so co-ownership questions read these instead of joining every pair of
    # owners. Scalars only: a list on a relationship between two shared nodes made each load's checkpoint rewrite
    # every list stored (3,000 plans: loads 2x slower; graph/store/migrations.py upgrades stores of that schema)
    "CO_OWNS": {"pairs": [("Bureau", "Bureau")], "props": {"task": "STRING", "task_number": "INT64"},
                "key": "task"},
    # derived at load time, one per bureau and plan it carries tasks of: its task responsibilities there by role,
    # so the questions ranking bureaus or pairing plans read ~20 rows a plan instead of every responsibility
    "CARRIES": {"pairs": [("Bureau", "Document")], "props": {"leads": "INT64", "supports": "INT64", "guides": "INT64"}},
}

ROLES = ("lead", "support", "guide")
# relationships computed from others at load time, for questions; drawings and walks leave them out
DERIVED_RELS = ("CO_OWNS", "CARRIES")


def node_props(label: str) -> dict[str, str]:
    """All properties of a label, in schema order: id and name first, provenance last."""
    return {"id": "STRING", "name": "STRING", "kind": "STRING", **NODE_TYPES[label], **PROVENANCE}


def rel_props(rel_type: str) -> dict[str, str]:
    return {**REL_TYPES[rel_type]["props"], **PROVENANCE}


def item_id(doc_id: str, label: str, seq: int) -> str:
    return f"{doc_id}/{label.lower()}/{seq}"


def bureau_id(key: str) -> str:
    return f"bureau/{key}"


def entity_id(kind: str, name: str) -> str:
    return f"{kind.lower()}/{name}"


def policy_id(title: str) -> str:
    return f"policy/{title}"


def schema_markdown() -> str:
    """The schema as Markdown tables; the README embeds this output (a test keeps them equal)."""
    common = ", ".join(PROVENANCE)
    lines = ["| label | properties (besides id, name, kind and provenance) |", "|---|---|"]
    for label, props in NODE_TYPES.items():
        lines.append(f"| `{label}` | {', '.join(f'{k}: {v}' for k, v in props.items()) or '—'} |")
    lines += ["", "| relationship | from → to | properties (besides provenance) |", "|---|---|---|"]
    for rel, spec in REL_TYPES.items():
        pairs = "<br>".join(f"{a} → {b}" for a, b in spec["pairs"]) if len(spec["pairs"]) < 7 else \
            f"{' / '.join(sorted({a for a, _ in spec['pairs']}))} → {' / '.join(sorted({b for _, b in spec['pairs']}))}"
        lines.append(f"| `{rel}` | {pairs} | {', '.join(f'{k}: {v}' for k, v in spec['props'].items()) or '—'} |")
    lines += ["", f"Provenance on every node and relationship: {common} (offsets into the original text).",
              "", f"`kind` is the node's label, except on `Entity`: one of {', '.join(ENTITY_TYPES)} "
                  "(a park: `(p:Entity {kind: 'Park'})`)."]
    return "\n".join(lines)
