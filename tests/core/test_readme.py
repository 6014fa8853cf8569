"""The README a newcomer reads first says what `make run` really does and links only inside
the repository; the code names what and why, not which issue asked for it."""

import re
import subprocess
from pathlib import Path

from share.demo.accounts import ACCOUNTS
from share.demo.materials import DEMO_AUTHORS, DEMO_MATERIALS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_demo_account_seed_demo_prints():
    table = dict(re.findall(r"^\| `([^`]+@[^`]+)` \| (\w+) \|$", README, flags=re.MULTILINE))
    accounts = {email: role.value for email, _name, role, _unit in ACCOUNTS}
    accounts |= {email: "teacher" for email, _name, _unit in DEMO_AUTHORS}
    assert table == accounts


def test_readme_counts_the_demo_materials():
    assert f"{len(DEMO_MATERIALS)} published methods and materials" in README
    with_files = sum(1 for material in DEMO_MATERIALS if material.files)
    files = sum(len(material.files) for material in DEMO_MATERIALS)
    assert f"{with_files} of them with attached files" in README
    assert f"{files}\nfiles in all" in README or f"{files} files in all" in README


def test_readme_links_only_inside_the_repository():
    targets = re.findall(r"\]\(([^)]+)\)", README) + re.findall(r"<(\w+://[^>]+)>", README)
    assert "docs/architecture.md" in targets
    for target in targets:
        assert "://" not in target and not target.startswith("//"), target
        assert (ROOT / target.split("#")[0]).exists(), target


def test_code_names_no_issue_numbers():
    files = subprocess.run(
        ["git", "ls-files", "*.py", "*.html", "*.css", "*.js", "*.cfg", "*.toml", "Makefile"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    words = re.compile(r"\b(issue|task|ticket)\s*#?\d+", re.IGNORECASE)
    number = re.compile(r"(?:^|[\s(\[])#\d+\b")  # "see #" and digits; not "&#34;" nor "#,##0"
    found = [
        f"{name}:{line_number}: {line.strip()}"
        for name in files
        for line_number, line in enumerate((ROOT / name).read_text("utf-8").splitlines(), 1)
        if words.search(line) or (not name.endswith(".css") and number.search(line))
    ]
    assert found == []
