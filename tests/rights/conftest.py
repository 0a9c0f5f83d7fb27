"""The rights tests use the privacy tests' clean cache, request context and policy versions."""

from tests.privacy.conftest import _clean_cache, material_version, web  # noqa: F401
