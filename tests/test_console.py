"""The ad-hoc console reads the graph and nothing else."""
import pytest

from graph.errors import ConsoleRefused, QueryError
from graph.store.console import check_read_only

REFUSED = [
    "CREATE (n:Task {id: 'x'})",
    "MATCH (n:Task) SET n.name = 'x'",
    "MATCH (n:Task) DETACH DELETE n",
    "MATCH (n:Task) REMOVE n.name",
    "MERGE (b:Bureau {id: 'x'})",
    "LOAD FROM '/etc/passwd' (file_format='csv', delim=':') RETURN *",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n) WITH n LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "EXPORT DATABASE '/tmp/x'",
    "IMPORT DATABASE '/tmp/x'",
    "COPY Task FROM '/tmp/x.csv'",
    "INSTALL httpfs",
    "LOAD EXTENSION httpfs",
    "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)",
    "DROP TABLE Task",
    "ALTER TABLE Task ADD x STRING",
    "CALL dbms.components() YIELD name RETURN name",
    "CALL { MATCH (n) RETURN n } RETURN n",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "USE other MATCH (n) RETURN n",
    "MATCH (n) FOREACH (x IN [1] | SET n.a = x)",
    "SHOW USERS",
    "",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_refuses(statement):
    with pytest.raises(ConsoleRefused):
        check_read_only(statement)


@pytest.mark.parametrize("statement", [
    "MATCH (b:Bureau) RETURN b.short_name AS name",
    "MATCH (b:Bureau) WHERE b.name CONTAINS 'CREATE' RETURN b.name AS n  // DELETE in a comment",
    "MATCH (t:Task) RETURN t.set AS s, {create: 1} AS m",
    "CALL show_tables() RETURN *",
    "CALL db.labels()",
    "UNWIND [1, 2] AS x RETURN x;",
    "MATCH (start:Task)<-[use:RESPONSIBLE_FOR]-(show:Bureau) RETURN start.name AS s, show.name AS b",
])
def test_admits_reads(statement):
    assert check_read_only(statement)


@pytest.mark.parametrize("statement", ["LOAD FROM '/etc/passwd' (file_format='csv', delim=':') RETURN *",
                                       "EXPORT DATABASE '/tmp/kg-export-test'", "INSTALL httpfs",
                                       "CREATE (n:Task {id: 'x'})"])
def test_store_refuses_before_running(seed_store, statement, tmp_path):
    with pytest.raises(ConsoleRefused):
        seed_store.run_readonly(statement)
    assert seed_store.counts()["Task"] == 16


def test_row_cap_and_results(seed_store):
    rows, truncated = seed_store.run_readonly("MATCH (t:Task) RETURN t.number AS n ORDER BY n", max_rows=5)
    assert [r["n"] for r in rows] == [1, 2, 3, 4, 5] and truncated
    rows, truncated = seed_store.run_readonly("MATCH (t:Task) RETURN t.number AS n", max_rows=100)
    assert len(rows) == 16 and not truncated


# finding 2: the CALL allow-list decided by structure, not by the words that follow CALL
@pytest.mark.parametrize("statement", [
    "CALL `current_setting`(show_tables := 1) RETURN *",
    "CALL `read_csv`($show_tables) RETURN *",
    "CALL current_setting('home_directory') RETURN *",
    "CALL `show_tables`() RETURN *",
    "CALL show_tables(`x` := 1) RETURN *",
    "CALL table_info($t) RETURN *",
    "CALL table_info('Task', 'x') RETURN *",
    "CALL show_functions() RETURN *",
    "CALL threads = 1",
    "MATCH (n) CALL read_parquet('/tmp/x.parquet') RETURN *",
    "CALL show_tables() , read_csv('/etc/passwd') RETURN *",
    "CALL db.labels() UNION CALL dbms.listConfig() YIELD name RETURN name",
    "CALL /* show_tables */ read_npy('/tmp/x.npy') RETURN *",
    "RETURN 'unclosed",
    "RETURN 1 /* unclosed comment CREATE",
    "MATCH (`n) DETACH DELETE n",
    "CALL (n) { RETURN 1 AS x } RETURN x",
])
def test_refuses_calls_outside_the_exact_safe_forms(statement):
    with pytest.raises(ConsoleRefused):
        check_read_only(statement)


@pytest.mark.parametrize("statement", [
    "CALL table_info('Task') RETURN *",
    "CALL show_connection('PART_OF') RETURN *",
    "CALL show_tables() WHERE name = 'Task' RETURN *",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (`create`:Task) RETURN `create`.name AS `delete`",
    "MATCH (n:Task) WHERE n.name = $set RETURN n.name AS name",
])
def test_admits_the_safe_forms(statement):
    assert check_read_only(statement)


def test_backticked_table_functions_never_run_on_the_store(seed_store):
    for statement in ["CALL `current_setting`(show_tables := 1) RETURN *",
                      "CALL `read_csv`($show_tables) RETURN *"]:
        with pytest.raises(ConsoleRefused):
            seed_store.run_readonly(statement, {"show_tables": "/etc/passwd"})


# finding 3: memory and single expressions are bounded; the caller survives whatever the statement does
@pytest.mark.parametrize("statement", [
    "UNWIND range(1, 1000000000) AS x RETURN count(x) AS n",
    "RETURN size(repeat('x', 1000000000)) AS n",
    "RETURN size(lpad('x', 2000000000, 'y')) AS n",
])
def test_huge_statements_are_stopped_within_bounds(seed_store, statement):
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(QueryError, match="KG_CONSOLE_MEMORY_MB|KG_CONSOLE_TIMEOUT"):
        seed_store.run_readonly(statement, timeout_s=5)
    from graph.store.console_process import STARTUP_S

    assert time.monotonic() - start < 5 + STARTUP_S + 3  # the engine's timeout, else the hard kill after it
    # the work happened in the child: this process grew by less than 100 MB
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024
    assert seed_store.run_readonly("MATCH (t:Task) RETURN count(t) AS n")[0] == [{"n": 16}]


def test_a_crash_of_the_engine_ends_only_the_child(seed_store_path, tmp_path):
    from graph.store.console_process import run_isolated

    # read_npy on a file that is not NumPy crashes Ladybug with SIGSEGV; the gate refuses it, so run it below the
    # gate to show that even a crash ends only the child
    bogus = tmp_path / "x.npy"
    bogus.write_text("a,b\n1,2\n")
    with pytest.raises(QueryError, match="crashed the query engine \\(SIGSEGV\\)"):
        run_isolated(seed_store_path, f"CALL read_npy('{bogus}') RETURN *", {}, timeout_s=10, max_rows=10,
                     memory_mb=256)
    with pytest.raises(ConsoleRefused):
        check_read_only(f"CALL read_npy('{bogus}') RETURN *")


# finding 4, the Ask box: a long question is refused at once, a huge task number never raises
@pytest.mark.parametrize("text", ["任务" + "7" * 4300, "谁负责第" + "1" * 40000 + "项任务", "任务" + "9" * 150])
def test_ask_box_bounds_its_input(text):
    import time

    from graph.questions.router import Vocabulary, match_question

    start = time.monotonic()
    name, params, why = match_question(text, Vocabulary())
    assert time.monotonic() - start < 0.5
    assert name is None or "task" not in params


@pytest.mark.parametrize("statement", [
    "RETURN reduce(s = '', x IN [1, 2] | s + 'x') AS s",
    "UNWIND range(1, 1000000000) AS x RETURN x",
    "UNWIND range(1, $n) AS x RETURN x",
    "UNWIND range(0, 10, 0) AS x RETURN x",
])
def test_bounded_gate_refuses_what_a_server_cannot_stop_midway(statement):
    assert check_read_only(statement)  # the embedded store runs these in a bounded child process
    with pytest.raises(ConsoleRefused):
        check_read_only(statement, bounded=True)


def test_bounded_gate_admits_small_ranges():
    assert check_read_only("UNWIND range(1, 100) AS x RETURN x", bounded=True)
    assert check_read_only("UNWIND range(-5, 5, 2) AS x MATCH (t:Task {number: x}) RETURN t.id AS id", bounded=True)
