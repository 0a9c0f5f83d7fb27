"""The interactions tests share the privacy tests' clean cache (ledger answers, the policy banner) and request context."""

from tests.privacy.conftest import _clean_cache, web  # noqa: F401 - fixtures
