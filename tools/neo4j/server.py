"""Start a real Neo4j Community server from Maven Central jars, for tests and local use."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEO4J_VERSION = "5.26.30"  # keep in sync with tools/neo4j/pom.xml
TOOLS_DIR = Path(__file__).resolve().parent
READY_MARK = "NEO4J_READY"
PASSWORD_ENV = "NEO4J_LAUNCHER_PASSWORD"  # how the launcher gets the password: argv would show in `ps`
MIN_PASSWORD_LEN = 8  # Neo4j's default dbms.security.auth_minimum_password_length

# settings the launcher loads from <data dir>/neo4j.conf: one transaction (a console statement building a huge
# string or list) may hold at most this much memory, so it fails alone instead of starving the 1 GB heap; a load's
# write transaction counts too: a 200-plan load (83,000 relationships, one transaction) fits; raise it here if a
# larger load fails with MemoryPoolOutOfMemoryError
SERVER_SETTINGS = {"db.memory.transaction.max": "512m"}

# What Neo4j's own neo4j.conf passes on Java 17; without java.nio the page cache
# falls back to a slower mode (and logs a warning). Heap is kept small for 2-core/CI boxes.
JVM_FLAGS = [
    "-Xms256m",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dfile.encoding=UTF-8",
]


class Neo4jServerError(RuntimeError):
    """Neo4j could not be fetched, started or stopped."""


def neo4j_home() -> Path:
    """Cache folder for jars, compiled launcher and CLI state (env KG_NEO4J_HOME overrides)."""
    env = os.environ.get("KG_NEO4J_HOME")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "policy-graph" / f"neo4j-{NEO4J_VERSION}"


def _require_tool(name: str, hint: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Neo4jServerError(f"`{name}` not found on PATH: {hint}")
    return path


def _require_java() -> str:
    return _require_tool(
        "java", "install a Java 17+ JDK (Debian: apt-get install openjdk-17-jdk-headless)"
    )


def fetch_jars() -> Path:
    """Download Neo4j's jars once with Maven into the cache; return the lib folder."""
    lib = neo4j_home() / "lib"
    marker = lib / ".complete"
    if marker.exists():
        return lib
    _require_java()
    mvn = _require_tool("mvn", "install Apache Maven 3.8+ (Debian: apt-get install maven)")
    # Download into a private scratch folder so an interrupted or concurrent fetch never looks complete.
    lib.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lib.partial-", dir=lib.parent))
    cmd = [mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(TOOLS_DIR / "pom.xml"), "dependency:copy-dependencies",
           "-DincludeScope=runtime", f"-DoutputDirectory={tmp}"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0 or not any(tmp.glob(f"neo4j-bolt-{NEO4J_VERSION}.jar")):
        shutil.rmtree(tmp, ignore_errors=True)
        tail = "\n".join(proc.stdout.splitlines()[-40:])
        raise Neo4jServerError(
            f"Maven could not fetch Neo4j {NEO4J_VERSION} (exit {proc.returncode}); "
            f"check access to Maven Central, then retry `python -m tools.neo4j.server fetch`.\n{tail}"
        )
    (tmp / ".complete").write_text(NEO4J_VERSION + "\n")
    if marker.exists():  # another process finished first
        shutil.rmtree(tmp, ignore_errors=True)
        return lib
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    return lib


def _launcher_classes(lib: Path) -> Path:
    """Compile Neo4jLauncher.java once per source version (faster than source-file mode each start)."""
    src = TOOLS_DIR / "Neo4jLauncher.java"
    digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
    out = neo4j_home() / f"launcher-{digest}"
    if (out / "Neo4jLauncher.class").exists():
        return out
    javac = _require_tool("javac", "install a Java 17+ JDK, not just a JRE (apt-get install openjdk-17-jdk-headless)")
    tmp = Path(tempfile.mkdtemp(prefix="launcher-", dir=neo4j_home()))
    proc = subprocess.run([javac, "-nowarn", "-d", str(tmp), "-cp", f"{lib}/*", str(src)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise Neo4jServerError(f"javac failed on {src}:\n{proc.stdout[-4000:]}")
    try:
        tmp.rename(out)
    except OSError:  # a concurrent start compiled it first
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bolt_handshake(host: str, port: int, timeout: float = 2.0) -> bool:
    """True if a Bolt server answers the version handshake (not merely an open port)."""
    # Proposals: 5.0-5.8, 4.3-4.4, 4.0-4.2, 3.0; each is [0, range, minor, major].
    proposals = bytes([0, 8, 8, 5, 0, 1, 4, 4, 0, 2, 2, 4, 0, 0, 0, 3])
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(b"\x60\x60\xb0\x17" + proposals)
            reply = b""
            while len(reply) < 4:
                chunk = s.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return reply != b"\x00\x00\x00\x00"
    except OSError:
        return False


def _tail(path: Path, n: int = 40) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-n:])


class LocalNeo4j:
    """A Neo4j server in a child JVM: `with LocalNeo4j(password=...) as db: db.uri`."""

    user = "neo4j"

    def __init__(self, password: str | None = None, port: int | None = None,
                 data_dir: str | os.PathLike | None = None, startup_timeout: float = 180,
                 detached: bool = False):
        self.password = password or secrets.token_urlsafe(16)
        if len(self.password) < MIN_PASSWORD_LEN:
            raise Neo4jServerError(f"Neo4j passwords need at least {MIN_PASSWORD_LEN} characters")
        self.port = port
        self.data_dir = Path(data_dir) if data_dir else None
        self._owns_dir = data_dir is None
        self.startup_timeout = startup_timeout
        self.detached = detached  # CLI use: survive this Python process, don't watch stdin
        self.proc: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def start(self) -> "LocalNeo4j":
        java = _require_java()
        lib = fetch_jars()
        classes = _launcher_classes(lib)
        self.port = self.port or free_port()
        if self.data_dir is None:
            self.data_dir = Path(tempfile.mkdtemp(prefix="neo4j-test-"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.data_dir / "launcher.log"
        cmd = [java, *JVM_FLAGS, "-cp", f"{lib}/*{os.pathsep}{classes}", "Neo4jLauncher",
               str(self.data_dir), str(self.port)] + (["--detached"] if self.detached else [])
        env = {**os.environ, PASSWORD_ENV: self.password}
        (self.data_dir / "neo4j.conf").write_text("".join(f"{k}={v}\n" for k, v in SERVER_SETTINGS.items()))
        with open(self.log_path, "wb") as log:  # fresh: READY from an earlier run must not count
            self.proc = subprocess.Popen(
                cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                # A pipe we never write: when this process dies the JVM sees EOF and exits.
                stdin=subprocess.DEVNULL if self.detached else subprocess.PIPE,
                start_new_session=self.detached,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        ready = False
        while time.monotonic() < deadline:
            code = self.proc.poll()
            if code is not None:
                raise Neo4jServerError(
                    f"Neo4j exited early (code {code}); last lines of {self.log_path}:\n{_tail(self.log_path)}")
            if not ready:
                ready = READY_MARK in self.log_path.read_text(errors="replace")
            if ready and bolt_handshake("127.0.0.1", self.port):
                return
            time.sleep(0.2)
        raise Neo4jServerError(
            f"Neo4j did not answer Bolt on port {self.port} within {self.startup_timeout:.0f}s; "
            f"last lines of {self.log_path}:\n{_tail(self.log_path)}")

    def stop(self, timeout: float = 30) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM runs the JVM shutdown hook, which flushes the store
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdin:
            self.proc.stdin.close()
        if self._owns_dir and self.data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> "LocalNeo4j":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ---- CLI: a background server for local use ----

STATE_FILE = "server.json"


def _state_path() -> Path:
    return neo4j_home() / STATE_FILE


def _read_state() -> dict | None:
    try:
        return json.loads(_state_path().read_text())
    except (OSError, ValueError):
        return None


def _is_our_process(pid: int) -> bool:
    """Guard against a recycled pid: only signal a JVM that runs our launcher."""
    try:
        return b"Neo4jLauncher" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        try:
            os.kill(pid, 0)  # no /proc (macOS): best effort
            return True
        except OSError:
            return False


def _cmd_fetch(args) -> int:
    t0 = time.monotonic()
    lib = fetch_jars()
    print(f"Neo4j {NEO4J_VERSION} jars in {lib} ({time.monotonic() - t0:.1f}s)")
    return 0


def _cmd_start(args) -> int:
    state = _read_state()
    if state and _is_our_process(state["pid"]):
        print(f"Already running: {state['uri']} (pid {state['pid']}); use `stop` first.", file=sys.stderr)
        return 1
    if args.password:
        password, how = args.password, "from --password"
    elif os.environ.get("NEO4J_PASSWORD"):
        password, how = os.environ["NEO4J_PASSWORD"], "from $NEO4J_PASSWORD"
    else:
        password, how = secrets.token_urlsafe(16), "generated"
    data = Path(args.data).resolve() if args.data else neo4j_home() / "data"
    server = LocalNeo4j(password=password, port=args.port, data_dir=data,
                        startup_timeout=args.timeout, detached=True)
    server.start()
    _state_path().write_text(json.dumps({"pid": server.proc.pid, "port": server.port, "uri": server.uri,
                                         "data_dir": str(data), "log": str(server.log_path)}))
    print(f"Neo4j {NEO4J_VERSION} running at {server.uri} (pid {server.proc.pid}, data {data})")
    print(f"Password {how}. Export:")
    print(f"  export NEO4J_URI={server.uri}")
    print(f"  export NEO4J_USER={server.user}")
    print(f"  export NEO4J_PASSWORD={password if how == 'generated' else '<your password>'}")
    return 0


def _cmd_status(args) -> int:
    state = _read_state()
    if not state or not _is_our_process(state["pid"]):
        print("Not running.")
        return 1
    bolt = "answers" if bolt_handshake("127.0.0.1", state["port"]) else "does NOT answer"
    print(f"Running: {state['uri']} (pid {state['pid']}), Bolt {bolt}; log {state['log']}")
    return 0


def _cmd_stop(args) -> int:
    state = _read_state()
    if not state or not _is_our_process(state["pid"]):
        print("Not running.")
        _state_path().unlink(missing_ok=True)
        return 0
    pid = state["pid"]
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline and _is_our_process(pid):
        time.sleep(0.2)
    if _is_our_process(pid):
        os.kill(pid, signal.SIGKILL)
    _state_path().unlink(missing_ok=True)
    print(f"Stopped pid {pid}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(prog="python -m tools.neo4j.server", description=__doc__, formatter_class=fmt,
                                epilog="example:\n  python -m tools.neo4j.server start --port 7687")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("fetch", help="download the Neo4j jars with Maven (cached)", formatter_class=fmt,
                   epilog=f"example:\n  python -m tools.neo4j.server fetch   # into {neo4j_home()}/lib")
    s = sub.add_parser("start", help="start a background server", formatter_class=fmt,
                       epilog="example:\n"
                              "  python -m tools.neo4j.server start --port 7687 --password 'change-me-please'\n"
                              "password: --password, else $NEO4J_PASSWORD, else a generated one (printed).")
    s.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (default 7687)")
    s.add_argument("--password", help=f"password for user neo4j (at least {MIN_PASSWORD_LEN} chars)")
    s.add_argument("--data", help="data folder, kept between runs (default: <cache>/data)")
    s.add_argument("--timeout", type=float, default=180, help="start-up timeout in seconds")
    sub.add_parser("status", help="show whether the background server runs", formatter_class=fmt,
                   epilog="example:\n  python -m tools.neo4j.server status")
    t = sub.add_parser("stop", help="stop the background server", formatter_class=fmt,
                       epilog="example:\n  python -m tools.neo4j.server stop")
    t.add_argument("--timeout", type=float, default=30, help="seconds before SIGKILL")
    args = p.parse_args(argv)
    try:
        return {"fetch": _cmd_fetch, "start": _cmd_start, "status": _cmd_status, "stop": _cmd_stop}[args.cmd](args)
    except Neo4jServerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
