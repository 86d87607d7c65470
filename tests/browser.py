"""For the browser tests: the viewer served by `streamlit run app.py` on a free local port, and a headless Chromium
page that refuses every request leaving localhost (the viewer must work offline)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


def playwright_or_skip():
    """The playwright API with Debian's Chromium; skips the module locally without them, fails under CI=true."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(store: Path, log: Path, **env_vars: str):
    """The viewer on the embedded store `store`; yields its base URL, stops it afterwards."""
    port = free_port()
    env = {**os.environ, "KG_STORE": str(store), "KG_CONSOLE": "1", "PYTHONUNBUFFERED": "1", **env_vars}
    env.pop("NEO4J_URI", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                                 "--server.port", str(port), "--server.address", "127.0.0.1",
                                 "--browser.gatherUsageStats", "false"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 40
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def offline_page(playwright_api, **context_options):
    """A Chromium page whose requests outside localhost are refused and listed in `page.outside`; asserts at the
    end that there were none."""
    outside: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu",
                                           "--disable-background-networking"])
        context = browser.new_context(locale="zh-CN", **context_options)

        def gate(route):
            url = route.request.url
            if url.startswith(("data:", "blob:", "about:")) or (urlparse(url).hostname or "") in LOCAL:
                route.continue_()
            else:
                outside.append(url)
                route.abort()
        context.route("**/*", gate)
        page = context.new_page()
        page.outside = outside
        yield page
        context.close()
        browser.close()
    assert outside == [], f"requests left localhost: {outside[:10]}"
