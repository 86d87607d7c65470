"""The ad-hoc console's gate: admit statements that read the graph and nothing else, on every store."""
from __future__ import annotations

import re

from graph.errors import ConsoleRefused

# clauses and commands that write, touch files or the network, change the schema or the session, anywhere in a
# statement; admin commands (SHOW, START, STOP, TERMINATE, USE) can only begin one, where the start-word check
# refuses them, so variables of those names stay usable
_FORBIDDEN = {
    "CREATE": "creates data or schema", "MERGE": "writes data", "SET": "writes data", "DELETE": "deletes data",
    "DETACH": "deletes data", "REMOVE": "removes data", "DROP": "changes the schema", "ALTER": "changes the schema",
    "RENAME": "changes the schema", "LOAD": "reads files (LOAD FROM / LOAD CSV)", "COPY": "imports or exports files",
    "EXPORT": "writes files", "IMPORT": "reads files", "INSTALL": "downloads extensions",
    "UNINSTALL": "changes extensions", "ATTACH": "opens another database",
    "BEGIN": "controls transactions", "COMMIT": "controls transactions",
    "ROLLBACK": "controls transactions", "CHECKPOINT": "writes the database", "FOREACH": "writes data",
    "GRANT": "changes security", "DENY": "changes security", "REVOKE": "changes security",
    "PERIODIC": "writes data", "FINISH": "",
}
# procedures and table functions that only describe the graph
ALLOWED_CALLS = {"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
                 "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "show_tables", "table_info",
                 "show_connection"}
_START = {"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "EXPLAIN", "PROFILE"}
_TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<ident>`[^`]*`)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*)
  | (?P<semi>;)
  | (?P<other>.)
""", re.S | re.X)

DIALECT_HINT = "See README 'Cypher dialects' for what each store accepts."


def check_read_only(cypher: str) -> str:
    """Return the statement (trailing ';' removed) if it only reads the graph; raise ConsoleRefused if not."""
    words: list[tuple[str, str]] = []  # (upper word, following non-space char)
    semis = 0
    tokens = [m for m in _TOKEN.finditer(cypher) if m.lastgroup != "comment"]
    for i, m in enumerate(tokens):
        kind = m.lastgroup
        if kind == "semi":
            semis += 1
            if any(t.lastgroup not in ("semi",) and not t.group().isspace() for t in tokens[i + 1:]):
                raise ConsoleRefused("The console runs one statement at a time; remove the ';' and run them "
                                     "one by one.")
        elif kind == "word":
            nxt = next((t.group() for t in tokens[i + 1:] if not t.group().isspace()), "")
            prev = next((t.group() for t in reversed(tokens[:i]) if not t.group().isspace()), "")
            if prev == "." or nxt == ":" and prev in ("{", ","):  # property names and map keys are not clauses
                continue
            words.append((m.group().upper(), nxt))
    if not words:
        raise ConsoleRefused("Empty query: write a Cypher statement such as MATCH (b:Bureau) RETURN b.name.")
    if words[0][0] not in _START:
        raise ConsoleRefused(f"The console only reads the graph: a statement must start with MATCH, OPTIONAL "
                             f"MATCH, WITH, UNWIND, RETURN or CALL of a schema procedure, not {words[0][0]}. "
                             + DIALECT_HINT)
    for n, (word, nxt) in enumerate(words):
        if word in _FORBIDDEN:
            what = _FORBIDDEN[word] or "is not allowed"
            raise ConsoleRefused(f"Refused: {word} {what}; the console is read-only and cannot write, read "
                                 f"files or change the database. Use `python -m graph load` to change data.")
        if word == "CALL":
            name = words[n + 1][0].lower() if n + 1 < len(words) else ""
            if nxt == "{" or name not in ALLOWED_CALLS:
                raise ConsoleRefused(f"Refused: CALL {name or '{…}'}; the console allows only the schema "
                                     f"procedures {', '.join(sorted(ALLOWED_CALLS))}.")
    return cypher.strip().rstrip(";").strip()
