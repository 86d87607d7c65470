"""The ad-hoc console reads the graph and nothing else."""
import pytest

from graph.store.console import check_read_only
from graph.errors import ConsoleRefused

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
