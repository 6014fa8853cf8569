"""A throwaway OpenSearch node for the test session (and bench/engines.py), run from the
engine's own jars.

No Debian package holds an OpenSearch server, and a downloaded distribution is not to be
had; Maven Central serves the engine and its modules. `opensearch_jars` copies them once
(`mvn dependency:copy-dependencies` on tests/support/opensearch/pom.xml) into pytest's
cache directory, as tests/support/html_check.py keeps the Nu checker's jar there.
`ThrowawayOpenSearch` then lays out a home directory the way the distribution does (the
modules each in a folder of its own with their descriptor) and starts one node on Java.
"""

import hashlib
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.servers import free_port, stop

POM_DIR = Path(__file__).parent / "opensearch"
#: The parts the pom copies: the engine, and the modules Dela's index needs (HTTP, and
#: the analyzers that share/search/backends/opensearch names).
ENGINE = "engine"
#: Module folder → (its plugin class, what it says it is, extra security permissions).
MODULES = {
    "transport-netty4": (
        "org.opensearch.transport.Netty4Plugin",
        "Netty 4 based transport implementation",
        # What the distribution's plugin-security.policy for this module grants.
        """grant {
  permission java.io.FilePermission "/proc/sys/net/core/somaxconn", "read";
  permission java.net.SocketPermission "*", "accept,connect";
  permission java.lang.RuntimePermission "*", "setContextClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
  permission java.util.PropertyPermission "sun.nio.ch.bugLevel", "write";
};
""",
    ),
    "analysis-common": (
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        'Adds "built in" analyzers to OpenSearch.',
        None,
    ),
}
#: How long the node may take to answer with a yellow or green cluster.
START_TIMEOUT_SECONDS = 180
#: OpenSearch refuses to run as root; as root the node runs as this user.
UNPRIVILEGED_USER = "nobody"

LOG4J2 = """status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n
rootLogger.level = warn
rootLogger.appenderRef.console.ref = console
logger.node.name = org.opensearch.node.Node
logger.node.level = info
"""


class OpenSearchMissing(Exception):
    """Java, Maven or the engine's jars cannot be had; the message says why."""


def opensearch_jars(cache_dir: Path) -> Path:
    """A directory under `cache_dir` with a folder of jars per part (engine, each module),
    copied by Maven the first time (and again whenever the pom changes).

    :raise OpenSearchMissing: when `java` or `mvn` is missing or Maven fails.
    """
    for program, package in (("java", "default-jre-headless"), ("mvn", "maven")):
        if shutil.which(program) is None:
            raise OpenSearchMissing(f"{program} is missing; install Debian's {package}")
    cache_dir = cache_dir.resolve()  # Maven resolves a relative one per module
    poms = sorted(POM_DIR.rglob("pom.xml"))
    key = hashlib.sha256(b"".join(pom.read_bytes() for pom in poms)).hexdigest()[:16]
    jars = cache_dir / key
    if jars.is_dir():
        return jars
    cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".copying-"))
    try:
        result = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(POM_DIR / "pom.xml"), "dependency:copy-dependencies",
             f"-Dopensearch.jars={scratch}"],
            capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        if result.returncode != 0:
            raise OpenSearchMissing(f"mvn failed: {(result.stdout + result.stderr)[-2000:]}")
        scratch.chmod(0o755)  # mkdtemp's is private; the node may run as another user
        scratch.replace(jars)  # whole or not at all, should two sessions copy at once
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return jars


class ThrowawayOpenSearch:
    """Start with `start()`, get its address from `url`, end with `stop()`.

    `heap` is the JVM's (-Xmx). `short_lived` (the tests' node) starts sooner: the quick
    compiler alone and the serial collector; otherwise (bench/engines.py, which measures
    it) the node runs with the distribution's collector (G1) and both compilers."""

    def __init__(self, jars: Path, heap: str = "512m", short_lived: bool = True) -> None:
        self.jars = jars.resolve()
        self.heap, self.short_lived = heap, short_lived
        self.root = Path(tempfile.mkdtemp(prefix="dela-opensearch-"))
        self.home = self.root / "home"
        self.data = self.root / "data"
        self.port = free_port()
        self.log = self.root / "node.log"
        self._process: subprocess.Popen | None = None
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", UNPRIVILEGED_USER, "--"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The started process's id (as root, that of `runuser`, whose child is Java)."""
        return self._process.pid

    def _jvm_options(self) -> list[str]:
        if self.short_lived:
            return ["-Xms256m", f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
        # As the distribution's jvm.options: the whole heap from the start.
        return [f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC"]

    def start(self) -> None:
        engine = sorted((self.jars / ENGINE).glob("*.jar"))
        version = next(
            jar.stem.removeprefix("opensearch-")
            for jar in engine
            if jar.stem.startswith("opensearch-") and jar.stem[len("opensearch-")].isdigit()
        )
        self._lay_out({jar.name for jar in engine}, version)
        command = [
            *self._as_user,
            "java",
            *self._jvm_options(),
            "-Dfile.encoding=UTF-8",
            "-Djava.security.manager=allow",
            "-Djna.nosys=true",
            "-Dlog4j2.disable.jmx=true",
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            f"-Djava.io.tmpdir={self.root / 'tmp'}",
            f"-Dopensearch.path.home={self.home}",
            f"-Dopensearch.path.conf={self.home / 'config'}",
            "-Dopensearch.distribution.type=tar",
            "-cp",
            str(self.home / "lib" / "*"),
            "org.opensearch.bootstrap.OpenSearch",
        ]
        with self.log.open("w") as log:
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        self._wait_for_health()

    def _lay_out(self, engine_jars: set[str], version: str) -> None:
        config = self.home / "config"
        config.mkdir(parents=True)
        # Copies, as in the distribution's lib/: the cache may be where another user
        # cannot read (a clone under /root).
        shutil.copytree(self.jars / ENGINE, self.home / "lib")
        (self.home / "plugins").mkdir()
        (self.root / "tmp").mkdir()
        settings = {
            "cluster.name": "dela-tests",
            "node.name": "dela-tests",
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "transport.port": free_port(),
            "path.data": str(self.data),
            "path.logs": str(self.root / "logs"),
            # The disk is shared with much else: a full one must not make indices read-only.
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        (config / "opensearch.yml").write_text(
            "".join(f"{name}: {json.dumps(value)}\n" for name, value in settings.items())
        )
        (config / "log4j2.properties").write_text(LOG4J2)
        # The launcher's options file, for a reader: the options are on the command line.
        (config / "jvm.options").write_text("".join(f"{o}\n" for o in self._jvm_options()))
        for name, (classname, description, policy) in MODULES.items():
            module = self.home / "modules" / name
            module.mkdir(parents=True)
            for jar in (self.jars / name).glob("*.jar"):
                if jar.name not in engine_jars:  # the engine's own would be there twice
                    shutil.copy(jar, module)
            descriptor = {
                "description": description,
                "version": version,
                "name": name,
                "classname": classname,
                "java.version": "11",
                "opensearch.version": version,
            }
            (module / "plugin-descriptor.properties").write_text(
                "".join(f"{key}={value}\n" for key, value in descriptor.items())
            )
            if policy:
                (module / "plugin-security.policy").write_text(policy)
        if self._as_user:
            user = pwd.getpwnam(UNPRIVILEGED_USER)
            for path in [self.root, *self.root.rglob("*")]:
                os.chown(path, user.pw_uid, user.pw_gid)

    def _wait_for_health(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"OpenSearch exited ({self._process.returncode}): {self._tail()}"
                )
            try:
                with urllib.request.urlopen(health, timeout=5) as answer:  # noqa: S310
                    if json.load(answer)["status"] in ("yellow", "green"):
                        return
            except (OSError, ValueError):
                pass
            time.sleep(0.5)
        raise RuntimeError(
            f"OpenSearch did not answer in {START_TIMEOUT_SECONDS} s: {self._tail()}"
        )

    def _tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        try:
            if self._process is not None:
                stop(self._process, timeout=30)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def delete_indices(url: str, prefix: str) -> None:
    """Delete every index (and with them their aliases) whose name begins with `prefix`."""
    address = f"{url}/{prefix}*?expand_wildcards=all&ignore_unavailable=true"
    request = urllib.request.Request(address, method="DELETE")  # noqa: S310 (http only)
    with urllib.request.urlopen(request, timeout=30):  # noqa: S310
        pass
