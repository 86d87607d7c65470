"""Starts real Neo4j servers (no mocks); skipped without Java/Maven unless CI=true, where it fails."""

import os
import socket
import subprocess

import pytest

from tests.servers import require_neo4j_or_skip
from tools.neo4j.server import LocalNeo4j, Neo4jServerError, bolt_handshake

PASSWORD = "test-password-123"


def _driver_module():
    """The official driver; a missing one must not turn CI green by skipping."""
    try:
        import neo4j
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the `neo4j` Python driver is not installed", pytrace=False)
        pytest.skip("pip install neo4j to run driver tests")
    return neo4j


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@pytest.fixture(scope="module")
def server():
    require_neo4j_or_skip()
    with LocalNeo4j(password=PASSWORD) as db:
        yield db


def test_bolt_handshake_answers(server):
    assert server.uri == f"bolt://127.0.0.1:{server.port}"
    assert bolt_handshake("127.0.0.1", server.port)


def test_cypher_via_official_driver(server):
    neo4j = _driver_module()
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        driver.execute_query("CREATE (:Dept {name: $n})", n="财政部")
        records, _, _ = driver.execute_query("MATCH (d:Dept) RETURN d.name AS name")
        assert [r["name"] for r in records] == ["财政部"]


def test_wrong_password_rejected(server):
    neo4j = _driver_module()
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, "wrong-password")) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()


def test_missing_database_is_a_clear_error(server):
    neo4j = _driver_module()
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        with pytest.raises(neo4j.exceptions.ClientError) as err:
            driver.execute_query("RETURN 1", database_="foo")
    assert err.value.code == "Neo.ClientError.Database.DatabaseNotFound"


def test_password_never_logged(server):
    assert PASSWORD not in server.log_path.read_text()
    assert PASSWORD not in (server.data_dir / "logs" / "debug.log").read_text()


def test_stop_frees_port_and_removes_temp_dir():
    require_neo4j_or_skip()
    db = LocalNeo4j(password=PASSWORD).start()
    port, data_dir = db.port, db.data_dir
    db.stop()
    assert db.proc.returncode is not None
    assert _port_is_free(port)
    assert not data_dir.exists()


def test_closing_stdin_stops_the_jvm():
    # What happens when the Python parent dies: no orphaned JVM.
    require_neo4j_or_skip()
    db = LocalNeo4j(password=PASSWORD).start()
    try:
        db.proc.stdin.close()
        db.proc.wait(timeout=60)
        assert _port_is_free(db.port)
    except subprocess.TimeoutExpired:
        pytest.fail("JVM still running 60 s after its stdin closed")
    finally:
        db.stop()


def test_port_in_use_raises_with_log_text():
    require_neo4j_or_skip()
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        db = LocalNeo4j(password=PASSWORD, port=blocker.getsockname()[1], startup_timeout=120)
        with pytest.raises(Neo4jServerError) as err:
            db.start()
    assert "NEO4J_FAILED" in str(err.value)
    assert PASSWORD not in str(err.value)
    assert db.proc.poll() is not None
    assert not db.data_dir.exists()


def test_short_password_refused_before_starting():
    with pytest.raises(Neo4jServerError, match="at least 8"):
        LocalNeo4j(password="short")


def test_py2neo_can_query(server):
    # py2neo 2021.2.4 (unmaintained) negotiates Bolt 4.3, which Neo4j 5.26 still serves.
    py2neo = pytest.importorskip("py2neo")
    graph = py2neo.Graph(server.uri, auth=(server.user, server.password))
    assert graph.evaluate("MATCH (n) RETURN count(n)") >= 0
