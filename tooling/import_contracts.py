"""An import-linter contract: one project app reaches another only through that app's public modules.

The public modules of an app are its `services` (what it does), `selectors` (how it reads), `models`
(for foreign keys) and any hook module the contract names; everything else (views, forms, admin, tasks,
adapters, channels...) is the app's own. The privacy kernel is exempt: every app builds on it.
"""

from __future__ import annotations

from typing import cast

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class PublicInterfaceContract(Contract):
    """Options: `apps` (top-level packages checked), `public_modules` (names allowed across apps),
    `exempt_apps` (apps whose every module others may import)."""

    apps = fields.ListField(subfield=fields.StringField())
    public_modules = fields.ListField(subfield=fields.StringField())
    exempt_apps = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        # Fields hold the parsed option values once the contract is built.
        apps = set(cast("list[str]", self.apps))
        public = set(cast("list[str]", self.public_modules))
        exempt = set(cast("list[str]", self.exempt_apps or []))
        violations = []
        for importer in sorted(graph.modules):
            source = importer.split(".")[0]
            if source not in apps:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                parts = imported.split(".")
                target = parts[0]
                if target == source or target not in apps or target in exempt:
                    continue
                if len(parts) > 1 and parts[1] in public:
                    continue
                lines = sorted(
                    detail["line_number"] for detail in graph.get_import_details(importer=importer, imported=imported)
                )
                violations.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        public = ", ".join(cast("list[str]", self.public_modules))
        output.print(f"Between apps, import only their public modules ({public}):")
        output.new_line()
        for violation in check.metadata["violations"]:
            lines = ", ".join(f"l.{number}" for number in violation["lines"])
            output.print_error(f"- {violation['importer']} -> {violation['imported']} ({lines})", bold=False)
            output.new_line()
