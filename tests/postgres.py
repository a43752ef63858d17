"""A real, throwaway PostgreSQL server for the tests (Debian's ``postgresql`` package).

It runs from a temporary folder, listens on a Unix socket there and on 127.0.0.1 on a free
port, asks for a password (so a wrong one is really refused) and is stopped at the end of the
session. It is the test run's own child, not a daemon (no ``pg_ctl start``): should the run be
killed outright, the server gets SIGQUIT (``setpriv --pdeathsig``) and stops too. ``initdb``
refuses to run as root, so as root the server runs as the ``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD = "formateur", "s3cret-Mot2passe"
BACKENDS = ["sqlite", "postgres"]  # params of the workshop fixtures: see ``db_args``
MISSING = ("PostgreSQL introuvable : installez le paquet Debian « postgresql » "
           "(binaires attendus dans /usr/lib/postgresql/*/bin).")


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running server: where it lives and how to reach it."""

    bin: Path
    folder: Path
    port: int
    run_as: list[str]
    process: subprocess.Popen | None = None

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str, password: str = PASSWORD, port: int | None = None) -> str:
        """A plain ``postgresql://`` URL over TCP, as a trainer would type it."""
        return (f"postgresql://{USER}:{password}@127.0.0.1:{port or self.port}/{database}")

    def socket_url(self, database: str) -> str:
        return (f"postgresql://{USER}:{PASSWORD}@/{database}?host={self.socket_dir}"
                f"&port={self.port}")

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Immediate shutdown (SIGQUIT): the server and all its backends end."""
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_or_refuse() -> Server:
    """``start``, or without PostgreSQL: fail in CI (``CI`` set), skip on a developer's machine."""
    import pytest

    if binaries() is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(MISSING)
    return start()


def start() -> Server:
    """initdb a fresh cluster in a temporary folder and start it."""
    bin_dir = binaries()
    if bin_dir is None:
        raise FileNotFoundError(MISSING)
    folder = Path(tempfile.mkdtemp(prefix="course-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the package's own system user runs it
        owner = pwd.getpwnam("postgres")
        run_as = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}",
                  "--clear-groups"]
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    server = Server(bin_dir, folder, free_port(), run_as)
    password_file = folder / "password"
    password_file.write_text(PASSWORD)
    (folder / "socket").mkdir()
    if run_as:
        for path in (password_file, folder / "socket"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        subprocess.run([*run_as, str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U",
                        USER, "--auth=scram-sha-256", f"--pwfile={password_file}", "-E",
                        "UTF8", "--no-sync"], check=True, capture_output=True, cwd=folder,
                       env=env)
    except subprocess.CalledProcessError as exc:
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.decode()}") from exc
    with open(folder / "log", "wb") as log:
        server.process = subprocess.Popen(
            [*(run_as or ["setpriv"]), "--pdeathsig=SIGQUIT", "--", str(bin_dir / "postgres"),
             "-D", str(folder / "data"), "-p", str(server.port), "-k", str(folder / "socket"),
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
             "max_connections=200"], stdout=log, stderr=subprocess.STDOUT, cwd=folder, env=env,
            start_new_session=True)  # a Ctrl+C on the run reaches pytest, which stops it
    ready = [str(bin_dir / "pg_isready"), "-q", "-h", str(folder / "socket"), "-p",
             str(server.port)]
    deadline = time.monotonic() + 60
    while subprocess.run(ready, check=False).returncode != 0:
        if server.process.poll() is not None or time.monotonic() > deadline:
            log_text = (folder / "log").read_text()
            server.stop()
            raise RuntimeError(f"PostgreSQL did not start: {log_text}")
        time.sleep(0.2)
    return server


def db_args(request, name: str) -> list[str]:
    """``course new`` options for the backend a fixture runs on (``request.param``): none for
    SQLite, a fresh database named ``name`` on the session's server for PostgreSQL."""
    if request.param == "sqlite":
        return []
    return ["--db", request.getfixturevalue("postgres").create_database(name)]


def check_backend(request, folder: Path) -> None:
    """The gradebook is where the backend says: SQLite's file, or no file at all."""
    assert (folder / "gradebook.db").exists() == (request.param == "sqlite")
