"""The app boundaries of the README hold, and a broken boundary names the import that breaks it."""

import subprocess
import sys
from pathlib import Path

from grimp import ImportGraph

from tooling.import_contracts import PublicInterfaceContract

ROOT = Path(__file__).resolve().parents[2]


def contract() -> PublicInterfaceContract:
    return PublicInterfaceContract(
        name="public interfaces",
        session_options={},
        contract_options={
            "apps": ["members", "orders", "interactions", "privacy"],
            "public_modules": ["services", "selectors", "models"],
            "exempt_apps": ["privacy"],
        },
    )


def graph_with(*imports: tuple[str, str, int]) -> ImportGraph:
    graph = ImportGraph()
    for importer, imported, line in imports:
        graph.add_import(importer=importer, imported=imported, line_number=line, line_contents=f"import {imported}")
    return graph


def test_every_contract_is_kept_by_the_project():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_an_app_reaching_into_another_apps_internals_is_named_with_its_line():
    check = contract().check(
        graph_with(
            ("members.adapters", "interactions.channels", 14),
            ("orders.services", "interactions.services", 3),
            ("orders.views", "members.models", 5),
            ("orders.views", "privacy.consent", 6),
            ("orders.views", "orders.forms", 7),
        ),
        verbose=False,
    )

    assert not check.kept
    assert check.metadata["violations"] == [
        {"importer": "members.adapters", "imported": "interactions.channels", "lines": [14]}
    ]


def test_imports_through_services_selectors_models_and_the_kernel_are_kept():
    check = contract().check(
        graph_with(("orders.services", "interactions.services", 3), ("members.views", "privacy.registry", 4)),
        verbose=False,
    )
    assert check.kept
