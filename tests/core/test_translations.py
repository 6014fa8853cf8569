"""Swedish first: every string in code and templates has a Swedish translation."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "share" / "translations" / "sv" / "LC_MESSAGES" / "messages.po"


def _complete(translation) -> bool:
    """A plural message is translated only when every form is."""
    if isinstance(translation, tuple):
        return all(translation)
    return bool(translation)


def test_every_message_has_a_swedish_translation(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            Path(sys.executable).with_name("pybabel"),
            "extract",
            "--ignore-dirs=.*",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-o",
            template,
            "share",
        ],  # fmt: skip
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as file:
        wanted = {message.id for message in read_po(file) if message.id}
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    translated = {
        message.id
        for message in catalog
        if message.id and _complete(message.string) and "fuzzy" not in message.flags
    }
    assert sorted(wanted - translated) == []
