"""The README tells a newcomer what `make run` prints and what the settings read; the Makefile names real files."""

import re
from pathlib import Path

from portal.demo import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_the_readme_lists_every_demo_account():
    missing = [account.member_name for account in DEMO_ACCOUNTS if f"`{account.member_name}`" not in README]

    assert missing == []


def test_the_readme_documents_every_environment_variable_the_settings_read():
    settings = (ROOT / "portal" / "settings.py").read_text()
    names = set(re.findall(r"config\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", settings))

    missing = sorted(name for name in names if f"`{name}`" not in README)

    assert len(names) > 20
    assert missing == []


def test_the_readme_says_how_to_give_make_test_a_password():
    assert "TEST_DATABASE_URL=postgres://portal:secret@" in README


def test_the_makefile_names_only_files_in_the_repository():
    makefile = (ROOT / "Makefile").read_text()
    named = set(re.findall(r"(?<![\w$/.-])((?:scripts|benchmarks|\.ci)/[\w.*-]+|[\w-]+\.(?:md|txt|sh|toml))", makefile))

    missing = sorted(path for path in named if "*" not in path and not (ROOT / path).exists())

    assert named
    assert missing == []
