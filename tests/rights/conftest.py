"""The rights tests use the privacy tests' clean cache, and policy versions."""

from tests.privacy.conftest import _clean_cache, material_version  # noqa: F401
