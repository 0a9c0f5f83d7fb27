"""The interactions tests share the privacy tests' clean cache (ledger answers, the policy banner)."""

from tests.privacy.conftest import _clean_cache  # noqa: F401 - an autouse fixture
