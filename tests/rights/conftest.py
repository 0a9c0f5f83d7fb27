"""The rights tests use the privacy tests' clean cache and policy versions, and the failure tests' worker
subprocesses and private Redis; copies of data are written to a temporary folder, their job started by hand."""

import pytest

from rights.jobs import build_export_job
from tests.privacy.conftest import _clean_cache, material_version  # noqa: F401
from tests.rights.test_retention_failures import private_redis, workers_on  # noqa: F401


@pytest.fixture(autouse=True)
def _export_root(settings, tmp_path):
    settings.RIGHTS_EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def no_job(monkeypatch):
    """The job is started by hand in these tests (a real worker runs it in test_a_real_worker_...)."""
    queued = []
    monkeypatch.setattr(build_export_job, "delay", queued.append)
    return queued
