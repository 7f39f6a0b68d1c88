"""Starting real servers for tests and measurements: a free loopback port, waiting until a
server answers (or failing with the end of its log when it died or never came up), and stopping
them again.

Standard library plus requests only, so the Rasa venv and the helpdesk's own venv can both use it.
"""
from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import requests


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_tot(url: str, seconden: float, proces: subprocess.Popen, log: Path) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"{url}: server stopte (code {proces.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} niet bereikbaar na {seconden} s:\n{log.read_text()[-3000:]}")


def stop(processen: list, seconden: float = 20) -> None:
    """SIGTERM to every process at once, then wait; whatever has not ended after `seconden` is killed."""
    levend = [p for p in processen if p is not None and p.poll() is None]
    for p in levend:
        p.terminate()
    for p in levend:
        try:
            p.wait(timeout=seconden)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
