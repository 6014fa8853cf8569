"""A throwaway PostgreSQL server for the test session, made with initdb and pg_ctl."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tests.support.servers import free_port


def find_postgres_bin() -> Path | None:
    """The directory holding initdb and pg_ctl: on PATH, else Debian's versioned folder."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    return Path(candidates[-1]).parent if candidates else None


def _version_key(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


class ThrowawayPostgres:
    """Start with `start()`, get a SQLAlchemy URL from `url`, end with `stop()`.

    PostgreSQL refuses to run as root, so as root the server runs as the `postgres`
    system user that Debian's package creates.
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="dela-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_user, *args], check=True, capture_output=True, text=True)

    def start(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"),
            "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
        )  # fmt: skip
        options = " ".join(
            [
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.root}",
                # Durability is worthless for a database that dies with the test run.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                # Several apps' pools at once, one of them 40 wide for the publish burst:
                # past the default 100, a test's setup met "too many clients".
                "-c max_connections=300",
            ]
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start",
        )  # fmt: skip
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute("CREATE DATABASE dela_test")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/dela_test"

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _locale_clause(connection) -> tuple[str, str] | None:
    """CREATE DATABASE options for a default collation other than C, and its name: ICU
    Swedish where the server has ICU (PostgreSQL 15+), else a libc UTF-8 locale."""
    version = connection.execute(text("SHOW server_version_num")).scalar_one()
    icu = connection.execute(
        text("SELECT 1 FROM pg_collation WHERE collname = 'sv-SE-x-icu'")
    ).first()
    if int(version) >= 150000 and icu:
        return "LOCALE_PROVIDER icu ICU_LOCALE 'sv-SE'", "sv-SE (ICU)"
    libc = connection.execute(
        text(
            "SELECT collcollate FROM pg_collation WHERE collprovider = 'c'"
            " AND collencoding IN (-1, pg_char_to_encoding('UTF8'))"
            " AND collcollate NOT IN ('C', 'POSIX') ORDER BY collcollate LIMIT 1"
        )
    ).scalar()
    if libc:
        return f"LC_COLLATE '{libc}' LC_CTYPE '{libc}'", f"{libc} (libc)"
    return None


@contextmanager
def scratch_database(url: str) -> Iterator[tuple[str, str | None]]:
    """A new, empty database on the server `url` points at, dropped afterwards.

    Yields its URL and the name of its default collation, which is a language's rather than
    C where the server has one: the throwaway server runs without a locale, and some plans
    (LIKE served by an index) differ between the two. None when only C is to be had.
    """
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"dela_scratch_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            found = _locale_clause(connection)
            options, collation = found if found else ("", None)
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE template0 {options}"))
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False), collation
        finally:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    finally:
        admin.dispose()
