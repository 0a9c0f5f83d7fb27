"""Device and sign-in data stay in the security component (SEC-03); identity data stays in members (VER-06, VER-07)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The security component: the model, its registry entry and admin, the services and stages that write and score it.
SECURITY_MODULES = {
    "members/models.py",
    "members/privacy.py",
    "members/admin.py",
    "members/services.py",
    "members/signals.py",
    "members/risk.py",
    "members/stages.py",
}
DEVICE_MODELS = re.compile(r"\b(SecurityEvent|RiskDecision)\b")


def project_modules():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "var/")) or "/migrations/" in relative:
            continue
        yield relative, path


def test_only_the_security_component_uses_the_device_and_risk_models():
    """SEC-03: recommendation, advertising and every other module cannot query them."""
    users = {relative for relative, path in project_modules() if DEVICE_MODELS.search(path.read_text(encoding="utf-8"))}

    assert users <= SECURITY_MODULES, sorted(users - SECURITY_MODULES)


# Identity data (names, ID numbers, face results) and the modules that read them.
IDENTITY_NAMES = re.compile(
    r"\b(IdentityVerification|IdentityReveal|FaceVerification|AccountRetrievalRequest)\b"
    r"|\bmembers\.(identity|face|alipay)\b|from members import [^\n]*\b(identity|face|alipay)\b"
)


def test_no_module_outside_members_reads_identity_data():
    """VER-07: other apps ask members.selectors.has_passed_real_name and get yes or no; no name or ID number leaves."""
    users = {
        relative
        for relative, path in project_modules()
        # Settings only name the face-verification provider class; they read no data.
        if not relative.startswith("members/")
        and relative != "portal/settings.py"
        and IDENTITY_NAMES.search(path.read_text(encoding="utf-8"))
    }

    assert users == set(), sorted(users)
