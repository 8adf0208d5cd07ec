"""A throw-away PostgreSQL cluster on 127.0.0.1 for the tests, CI and the benchmarks.

``PgServer.start()`` runs ``initdb`` in a fresh folder and ``pg_ctl start`` on a free port; it
can be stopped (``stop``: the server goes away mid-session), started again, frozen
(``freeze``: SIGSTOP, a hung server) and removed. PostgreSQL refuses to run as root, so when
the tests run as root (CI containers) every server command runs as an ordinary user
(``DXLEARN_PG_USER``, default ``postgres``, the user Debian's package creates) through
``runuser``, and the folder is given to that user.

The binaries are found in ``DXLEARN_PG_BIN``, else ``pg_config --bindir``, else the newest
``/usr/lib/postgresql/<n>/bin`` (Debian's layout). ``available()`` says whether they are there:
the PostgreSQL side of the tests is skipped without them (CI installs the ``postgresql``
package, so it runs there).

The superuser is ``dxadmin`` (password ``dxadmin``): it plays the IT office, owns the schema and
runs ``dxlearn db upgrade``. ``make_database`` creates databases with a Japanese ICU collation,
the setting that ordered learners differently from SQLite in the interop review.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ADMIN = "dxadmin"
ADMIN_PASSWORD = "dxadmin"
START_TIMEOUT_S = 60


def bin_dir() -> Path | None:
    """Where initdb, pg_ctl and postgres are; None when PostgreSQL is not installed."""
    explicit = os.environ.get("DXLEARN_PG_BIN")
    if explicit:
        return Path(explicit) if (Path(explicit) / "initdb").exists() else None
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 check=True, timeout=10).stdout.strip()
            if (Path(out) / "initdb").exists():
                return Path(out)
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        found = sorted((p for p in root.iterdir() if (p / "bin" / "initdb").exists()),
                       key=lambda p: int(p.name) if p.name.isdigit() else 0)
        if found:
            return found[-1] / "bin"
    return None


def available() -> bool:
    return bin_dir() is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> list[str]:
    """The prefix that runs a server command as an ordinary user when we are root."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", os.environ.get("DXLEARN_PG_USER", "postgres"), "--"]


def _owner() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam(os.environ.get("DXLEARN_PG_USER", "postgres"))
    return entry.pw_uid, entry.pw_gid


@dataclass
class PgServer:
    root: Path
    port: int = field(default_factory=free_port)
    durable: bool = True  # fsync on (the benchmark); the tests may trade it for speed
    max_connections: int = 300
    extra_conf: Sequence[str] = ()

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def _tool(self, name: str) -> str:
        found = bin_dir()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (initdb not found)")
        return str(found / name)

    def _run(self, *args: str, check: bool = True, timeout: float = 120) -> str:
        result = subprocess.run([*_run_as(), *args], capture_output=True, text=True,
                                timeout=timeout, check=False)
        if check and result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr}"
                               f"{result.stdout}")
        return result.stdout

    # -- life cycle ---------------------------------------------------------------------------

    def init(self) -> PgServer:
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        owner = _owner()
        if owner is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, *owner)
        pwfile = self.root / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
        if owner is not None:
            os.chown(pwfile, *owner)
        self._run(self._tool("initdb"), "-D", str(self.data), "-U", ADMIN, "--pwfile", str(pwfile),
                  "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust",
                  "--auth-host=scram-sha-256")
        pwfile.unlink()
        conf = [
            f"port = {self.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.socket_dir}'",
            f"max_connections = {self.max_connections}",
            "shared_buffers = 128MB",
            "log_min_messages = warning",
            "log_min_error_statement = panic",  # the tests provoke errors on purpose
        ]
        if not self.durable:
            conf += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        conf += list(self.extra_conf)
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as handle:
            handle.write("\n# dxlearn test cluster\n" + "\n".join(conf) + "\n")
        return self

    def start(self) -> PgServer:
        self._run(self._tool("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                  "-t", str(START_TIMEOUT_S), "start", timeout=START_TIMEOUT_S + 10)
        return self

    def stop(self, mode: str = "fast") -> None:
        self.thaw()
        self._run(self._tool("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop",
                  check=False)

    def running(self) -> bool:
        result = subprocess.run([*_run_as(), self._tool("pg_ctl"), "-D", str(self.data),
                                 "status"], capture_output=True, check=False)
        return result.returncode == 0

    def _pids(self) -> list[int]:
        """The postmaster and its children (to freeze a hung server)."""
        try:
            postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        pids = [postmaster]
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True,
                                 text=True, check=False).stdout
            pids += [int(p) for p in out.split()]
        return pids

    def freeze(self) -> None:
        """SIGSTOP every server process: connections stay open, nothing answers."""
        for pid in self._pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # -- SQL as the superuser -----------------------------------------------------------------

    def psql(self, sql: str, database: str = "postgres", *, user: str = ADMIN) -> str:
        return self._run(self._tool("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                         "-h", str(self.socket_dir), "-p", str(self.port), "-U", user,
                         "-d", database, "-c", sql)

    def make_database(self, name: str, *, template: str = "template0") -> str:
        """A database with a Japanese ICU collation (the interop review's setting)."""
        if template == "template0":
            self.psql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                      "LOCALE_PROVIDER icu ICU_LOCALE 'ja-JP' LOCALE 'C.UTF-8'")
        else:
            self.psql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def make_login(self, role: str, password: str, *, member_of: Sequence[str] = ()) -> None:
        self.psql(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'")
        for group in member_of:
            self.psql(f'GRANT "{group}" TO "{role}"')

    def url(self, database: str, *, user: str = ADMIN, password: str | None = ADMIN_PASSWORD,
            port: int | None = None) -> str:
        secret = f":{password}" if password else ""
        return (f"postgresql+psycopg://{user}{secret}@127.0.0.1:{port or self.port}/"
                f"{database}")


def new_server(*, durable: bool = False, max_connections: int = 300,
               extra_conf: Sequence[str] = ()) -> PgServer:
    """Initialised and started, in a new temporary folder (``remove()`` when done)."""
    root = Path(tempfile.mkdtemp(prefix="dxlearn-pg-"))
    server = PgServer(root, durable=durable, max_connections=max_connections,
                      extra_conf=extra_conf)
    server.init().start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    return server


class PgBouncer:
    """pgbouncer in front of ``server`` (``pool_mode``, ``pool_size`` server connections per
    database and user), on a free port; a context manager. Clients authenticate with the
    server's passwords (SCRAM), which pgbouncer keeps in its auth file."""

    def __init__(self, server: PgServer, *, pool_size: int = 10, pool_mode: str = "transaction",
                 users: dict[str, str] | None = None) -> None:
        self.server = server
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="dxlearn-pgbouncer-"))
        self.pool_size = pool_size
        self.pool_mode = pool_mode
        self.users = {ADMIN: ADMIN_PASSWORD, **(users or {})}
        self._pid: int | None = None

    def url(self, database: str, *, user: str = ADMIN, password: str | None = None) -> str:
        return self.server.url(database, user=user, password=password or self.users[user],
                               port=self.port)

    def __enter__(self) -> PgBouncer:
        binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        auth = self.root / "users.txt"
        auth.write_text("".join(f'"{u}" "{p}"\n' for u, p in self.users.items()),
                        encoding="utf-8")
        config = self.root / "pgbouncer.ini"
        config.write_text("\n".join([
            "[databases]",
            f"* = host=127.0.0.1 port={self.server.port}",
            "[pgbouncer]",
            "listen_addr = 127.0.0.1",
            f"listen_port = {self.port}",
            f"unix_socket_dir = {self.root}",
            f"auth_file = {auth}",
            "auth_type = scram-sha-256",
            f"pool_mode = {self.pool_mode}",
            f"default_pool_size = {self.pool_size}",
            "max_client_conn = 2000",
            "server_idle_timeout = 30",
            f"logfile = {self.root / 'pgbouncer.log'}",
            f"pidfile = {self.root / 'pgbouncer.pid'}",
            "",
        ]), encoding="utf-8")
        owner = _owner()
        if owner is not None:
            for path in (self.root, auth, config):
                os.chown(path, *owner)
        subprocess.run([*_run_as(), binary, "-d", str(config)], check=True,
                       capture_output=True, timeout=30)
        deadline = time.monotonic() + 10
        pidfile = self.root / "pgbouncer.pid"
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError):
                self._pid = int(pidfile.read_text().strip())
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            time.sleep(0.1)
        raise RuntimeError(f"pgbouncer did not start: {(self.root / 'pgbouncer.log')}")

    def __exit__(self, *_exc: object) -> None:
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    os.kill(self._pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
        shutil.rmtree(self.root, ignore_errors=True)
