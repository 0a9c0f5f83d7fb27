"""How the privacy app reads."""

from privacy.models import PolicyVersion


def current_policy() -> PolicyVersion | None:
    return PolicyVersion.objects.current()
