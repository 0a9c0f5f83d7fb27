"""What other apps add to a member's account without members importing them (MEM-03, MEM-07).

An app registers, in its AppConfig.ready, a panel for the dashboard (a template and the
context it needs) or the usage that account levels are computed from; members only calls
what was registered, so it depends on no shopping, publishing or rights app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression


@dataclass(frozen=True)
class DashboardPanel:
    template_name: str
    context: Callable[[object], dict]


@dataclass(frozen=True)
class LevelUsage:
    """Expressions over OuterRef("pk") of the member: completed orders counted, and the amount spent."""

    completed_count: Callable[[], Expression]
    spent: Callable[[], Expression]


_panels: dict[str, DashboardPanel] = {}
_level_usage: list[LevelUsage] = []


def register_dashboard_panel(name: str, *, template_name: str, context: Callable[[object], dict]) -> None:
    """Show `template_name` on the dashboard, rendered with `context(member)`; registering a name twice replaces it."""
    _panels[name] = DashboardPanel(template_name=template_name, context=context)


@dataclass(frozen=True)
class PanelToRender:
    template_name: str
    context: dict


def dashboard_panels(member) -> list[PanelToRender]:
    """The registered panels for the member with their context, in the order they were registered.

    The dashboard renders each inside its own template context (`{% dashboard_panel panel %}`), so
    the context processors run once per page, not once per panel.
    """
    return [PanelToRender(panel.template_name, panel.context(member)) for panel in _panels.values()]


def register_level_usage(*, completed_count: Callable[[], Expression], spent: Callable[[], Expression]) -> None:
    """Name where account levels read a member's usage from (one provider; a second replaces the first)."""
    _level_usage[:] = [LevelUsage(completed_count=completed_count, spent=spent)]


def level_usage() -> LevelUsage | None:
    return _level_usage[0] if _level_usage else None
