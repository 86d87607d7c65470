"""The ad-hoc console's gate: admit statements that read the graph and nothing else, decided from their tokens."""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import ConsoleRefused

# clauses and commands that write, touch files or the network, change the schema or the session, anywhere in a
# statement (as bare words: a backticked `create` is a name, a property .set or a map key {set: 1} is a name too)
_FORBIDDEN = {
    "CREATE": "creates data or schema", "MERGE": "writes data", "SET": "writes data", "DELETE": "deletes data",
    "DETACH": "deletes data", "REMOVE": "removes data", "DROP": "changes the schema", "ALTER": "changes the schema",
    "RENAME": "changes the schema", "LOAD": "reads files (LOAD FROM / LOAD CSV)", "COPY": "imports or exports files",
    "EXPORT": "writes files", "IMPORT": "reads files", "INSTALL": "downloads extensions",
    "UNINSTALL": "changes extensions", "ATTACH": "opens another database",
    "BEGIN": "controls transactions", "COMMIT": "controls transactions",
    "ROLLBACK": "controls transactions", "CHECKPOINT": "writes the database", "FOREACH": "writes data",
    "GRANT": "changes security", "DENY": "changes security", "REVOKE": "changes security",
    "PERIODIC": "writes data", "FINISH": "", "PROJECT": "creates a projected graph", "MACRO": "defines a macro",
    "TRANSACTIONS": "runs batched writes",
}
# procedures and table functions that only describe the graph, each with the arguments it may take: "" none,
# "name" exactly one string literal (a table name); called only as CALL name(...) followed by YIELD, RETURN,
# WHERE or the end
SAFE_CALLS = {"db.labels": "", "db.relationshiptypes": "", "db.propertykeys": "", "db.schema.visualization": "",
              "db.schema.nodetypeproperties": "", "db.schema.reltypeproperties": "", "show_tables": "",
              "table_info": "name", "show_connection": "name"}
ALLOWED_CALLS = set(SAFE_CALLS)
_AFTER_CALL = {"YIELD", "RETURN", "WHERE"}
_START = {"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "EXPLAIN", "PROFILE"}

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[A-Za-z_0-9]+|`(?:[^`]|``)*`))
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<semi>;)
  | (?P<unclosed>['"`]|/\*)
  | (?P<other>.)
""", re.S | re.X)

DIALECT_HINT = "See README 'Cypher dialects' for what each store accepts."


@dataclass(frozen=True)
class Token:
    kind: str  # word, name, string, param, number, semi, other
    text: str


def tokenize(cypher: str) -> list[Token]:
    """Cypher tokens without spaces and comments; an unclosed string, name or comment is refused, since the engine
    would read what follows it differently from this gate."""
    tokens = []
    for m in _TOKEN.finditer(cypher):
        kind = m.lastgroup
        if kind == "unclosed":
            raise ConsoleRefused(f"Refused: an unclosed {m.group()} (string, `name` or comment); close it and retry.")
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, m.group()))
    return tokens


def _refuse_call(name: str) -> ConsoleRefused:
    return ConsoleRefused(f"Refused: CALL {name or '…'}; the console allows only the schema procedures, called "
                          f"without other arguments: {', '.join(sorted(SAFE_CALLS))} "
                          "(for example CALL show_tables() RETURN * or CALL db.labels()).")


def _check_call(tokens: list[Token], i: int) -> None:
    """tokens[i] is a bare CALL: what follows must be a safe procedure in its exact form."""
    j = i + 1
    parts = []
    while j < len(tokens) and tokens[j].kind == "word":
        parts.append(tokens[j].text)
        j += 1
        if j < len(tokens) and tokens[j].text == "." and j + 1 < len(tokens) and tokens[j + 1].kind == "word":
            j += 1
            continue
        break
    name = ".".join(parts).lower()
    shown = name or (tokens[i + 1].text if i + 1 < len(tokens) else "")
    if name not in SAFE_CALLS:
        raise _refuse_call(shown)
    args = "string" if SAFE_CALLS[name] == "name" else None
    expected = ["("] + ([args] if args else []) + [")"]
    got = tokens[j:j + len(expected)]
    if len(got) != len(expected) or any((e == "string" and t.kind != "string") or (e != "string" and t.text != e)
                                        for e, t in zip(expected, got)):
        raise _refuse_call(name)
    k = j + len(expected)
    if k < len(tokens) and not (tokens[k].kind == "word" and tokens[k].text.upper() in _AFTER_CALL) \
            and tokens[k].kind != "semi":
        raise _refuse_call(name)


MAX_RANGE = 100_000  # values one range() may produce where a statement runs inside the server (Neo4j)


def _check_bounded(tokens: list[Token]) -> None:
    """For a server that cannot stop one expression midway (Neo4j checks for termination between rows, not inside
    reduce()): no reduce(), and range() only over integer literals spanning at most MAX_RANGE values."""
    for i, t in enumerate(tokens):
        if t.kind != "word" or i + 1 >= len(tokens) or tokens[i + 1].text != "(":
            continue
        if i and tokens[i - 1].text == ".":
            continue
        name = t.text.lower()
        if name == "reduce":
            raise ConsoleRefused("Refused: reduce() can run unbounded inside the server; the console on Neo4j "
                                 "does not run it. Use UNWIND … WITH … collect() instead.")
        if name == "range":
            args, j, sign = [], i + 2, 1
            while j < len(tokens) and tokens[j].text != ")":
                tok = tokens[j]
                if tok.text == "-":
                    sign = -1
                elif tok.kind == "number" and tok.text.isdigit():
                    args.append(sign * int(tok.text))
                    sign = 1
                elif tok.text != ",":
                    args = None
                    break
                j += 1
            if not args or len(args) not in (2, 3) or (len(args) == 3 and args[2] == 0) or \
                    abs(args[1] - args[0]) // abs(args[2] if len(args) == 3 else 1) + 1 > MAX_RANGE:
                raise ConsoleRefused(f"Refused: range() on the console takes integer literals and spans at most "
                                     f"{MAX_RANGE:,} values, e.g. range(1, 100).")


def check_read_only(cypher: str, *, bounded: bool = False) -> str:
    """Return the statement (trailing ';' removed) if it only reads the graph; raise ConsoleRefused if not.
    `bounded`: also refuse expressions that can run unbounded inside a server (_check_bounded)."""
    tokens = tokenize(cypher)
    while tokens and tokens[-1].kind == "semi":
        tokens.pop()
    if not tokens:
        raise ConsoleRefused("Empty query: write a Cypher statement such as MATCH (b:Bureau) RETURN b.name.")
    if any(t.kind == "semi" for t in tokens):
        raise ConsoleRefused("The console runs one statement at a time; remove the ';' and run them one by one.")
    first = tokens[0]
    if first.kind != "word" or first.text.upper() not in _START:
        raise ConsoleRefused(f"The console only reads the graph: a statement must start with MATCH, OPTIONAL "
                             f"MATCH, WITH, UNWIND, RETURN or CALL of a schema procedure, not {first.text}. "
                             + DIALECT_HINT)
    for i, t in enumerate(tokens):
        if t.kind != "word":
            continue
        prev = tokens[i - 1].text if i else ""
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if prev in (".", ":") or nxt == ":" and prev in ("{", ","):  # property names, labels and map keys
            continue
        word = t.text.upper()
        if word in _FORBIDDEN:
            what = _FORBIDDEN[word] or "is not allowed"
            raise ConsoleRefused(f"Refused: {word} {what}; the console is read-only and cannot write, read "
                                 f"files or change the database. Use `python -m graph load` to change data.")
        if word == "CALL":
            _check_call(tokens, i)
    if bounded:
        _check_bounded(tokens)
    return cypher.strip().rstrip(";").strip()
