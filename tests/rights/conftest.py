"""The rights tests use the privacy tests' clean cache and policy versions, and the failure tests' worker
subprocesses and private Redis."""

from tests.privacy.conftest import _clean_cache, material_version  # noqa: F401
from tests.rights.test_retention_failures import private_redis, workers_on  # noqa: F401
