"""`make run` (make, scripts/run.sh and its three services) stops cleanly: one SIGTERM (or Ctrl-C) ends web, worker and beat within 10 s, leaving no process."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The suite's settings and services must not leak into the development stack started here.
DROPPED = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SMS_BACKEND",
    "SOCIALACCOUNT_TEST_PROVIDER",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def running(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return bool(predicate())


@pytest.fixture
def stack(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(PORT=str(port), PORTAL_VAR_DIR=str(tmp_path), DJANGO_DEBUG="1")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # as `make run` in a terminal: its own process group
    )

    def site_answers() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200
        except OSError:
            return False

    try:
        assert wait_for(site_answers, timeout=240), "the site never answered"
        # Worker and beat are up once their pool processes exist.
        assert wait_for(lambda: len(descendants(process.pid)) >= 5, timeout=60)
        yield process
    finally:
        for pid in descendants(process.pid) | {process.pid}:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.mark.parametrize("how", ["sigterm to the group", "ctrl-c"])
def test_one_signal_stops_web_worker_and_beat_within_10_seconds(stack, how):
    tree = descendants(stack.pid)
    started = time.monotonic()

    if how == "ctrl-c":
        os.killpg(stack.pid, signal.SIGINT)  # what the terminal sends to the foreground group
    else:
        os.killpg(stack.pid, signal.SIGTERM)

    stack.wait(timeout=12)
    assert wait_for(lambda: not any(running(pid) for pid in tree), timeout=12 - (time.monotonic() - started))
    assert time.monotonic() - started < 10
