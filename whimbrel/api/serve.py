"""Run the API and dashboard with uvicorn: ``python -m whimbrel.api.serve --db FILE [--port N]``."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from whimbrel.api.app import create_app
from whimbrel.errors import WhimbrelError


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, access_log: bool = True) -> None:
    """Serve the store at ``db_path`` until interrupted (the store is opened read-only)."""
    app = create_app(str(db_path))  # before uvicorn starts, so a bad store fails with E401 at once
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="info")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    db_path: str | Path, log_path: str | Path, access_log: bool = True, startup_timeout: float = 120.0
) -> Iterator[str]:
    """A real server in a child process on a free port; yields its base URL, stops it on exit.

    Used by the tests and the load benchmark; its output goes to ``log_path``.
    """
    port = free_port()
    cmd = [sys.executable, "-m", "whimbrel.api.serve", "--db", str(db_path), "--port", str(port)]
    if not access_log:
        cmd.append("--no-access-log")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_healthy(proc, base, startup_timeout, Path(log_path))
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_until_healthy(proc: subprocess.Popen[bytes], base: str, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log_path.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError(f"server not healthy after {timeout:.0f}s:\n{log_path.read_text(encoding='utf-8')}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m whimbrel.api.serve", description=__doc__)
    parser.add_argument("--db", required=True, help="The DuckDB store written by `whimbrel run`.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-access-log", action="store_true", help="Do not log every request.")
    args = parser.parse_args(argv)
    try:
        serve(args.db, host=args.host, port=args.port, access_log=not args.no_access_log)
    except WhimbrelError as exc:  # a missing or foreign store: say so, no traceback
        print(f"error {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
