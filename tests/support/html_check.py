"""The Nu HTML Checker (vnu.jar, from the npm package `vnu-jar`) over the HTML Dela served.

The jar comes from the npm registry once, into pytest's cache directory (`.pytest_cache/`,
ignored by git), checked against the registry's integrity hash; it runs on the system Java.
One run checks a whole batch of documents, so a session pays for one Java start.
"""

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
from pathlib import Path

VNU_VERSION = "26.9.27"
VNU_TARBALL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VNU_VERSION}.tgz"
#: The `dist.integrity` the npm registry gives for that version.
VNU_INTEGRITY = (
    "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2D"
    "Ntjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
)
JAR_IN_TARBALL = "package/build/dist/vnu.jar"


class CheckerMissing(Exception):
    """Java or the jar cannot be had; the message says why."""


def vnu_jar(cache_dir: Path) -> Path:
    """The checker's jar in `cache_dir`, downloaded and verified the first time.

    :raise CheckerMissing: when there is no `java`, or the download fails or does not match.
    """
    if shutil.which("java") is None:
        raise CheckerMissing("java is missing; install Debian's default-jre-headless")
    jar = cache_dir / f"vnu-{VNU_VERSION}.jar"
    if jar.is_file():
        return jar
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as scratch:
        tarball = Path(scratch) / "vnu-jar.tgz"
        try:
            with urllib.request.urlopen(VNU_TARBALL, timeout=120) as answer:  # noqa: S310
                tarball.write_bytes(answer.read())
        except OSError as error:
            raise CheckerMissing(f"could not download {VNU_TARBALL}: {error}") from error
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if f"sha512-{digest}" != VNU_INTEGRITY:
            raise CheckerMissing(f"{VNU_TARBALL} does not match its integrity hash")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(JAR_IN_TARBALL)
            if member is None:
                raise CheckerMissing(f"{VNU_TARBALL} holds no {JAR_IN_TARBALL}")
            unpacked = Path(scratch) / "vnu.jar"
            unpacked.write_bytes(member.read())
        unpacked.replace(jar)  # whole or not at all, should two sessions fetch at once
    return jar


def html_errors(jar: Path, documents: dict[str, str]) -> dict[str, list[str]]:
    """Check each document (name → HTML) in one run of the checker; returns the errors found
    per name ("line N: message"), leaving out the names with none. Warnings do not count."""
    with tempfile.TemporaryDirectory() as scratch:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(scratch) / f"{number:05}.html"
            path.write_text(html, encoding="utf-8")
            names[path.resolve().as_uri()] = name
        result = subprocess.run(
            ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", "--stdout"]
            + [str(path) for path in sorted(Path(scratch).glob("*.html"))],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "info":
            continue
        name = names.get(_as_uri(message.get("url", "")), message.get("url", "?"))
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message['message']}")
    return errors


def _as_uri(url: str) -> str:
    """vnu names files `file:/path`; Path.as_uri gives `file:///path`."""
    return "file://" + url.removeprefix("file:") if url.startswith("file:/") else url
