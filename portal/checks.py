"""STO-06: a start-up check that the database, media storage and backups are declared in a PRC region.

Regions are cloud region names (Alibaba Cloud `cn-hangzhou`, Tencent Cloud `ap-shanghai` …); an
endpoint URL in a storage's options that names a region is checked too. Production refuses a
missing or foreign region (an error stops `manage.py check`, `migrate` and the entrypoint);
development only warns about a foreign one.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core import checks

# Mainland China regions: cn-* except the Hong Kong regions, and the mainland regions other clouds name differently.
PRC_REGION = re.compile(
    r"^(cn-(?!hongkong)[a-z0-9-]+|ap-(beijing|shanghai|guangzhou|chengdu|chongqing|nanjing)[a-z0-9-]*)$"
)
# A region name inside an endpoint host, e.g. oss-cn-hangzhou.aliyuncs.com or s3.us-east-1.amazonaws.com.
ENDPOINT_REGION = re.compile(r"(?:^|[.-])((?:cn|us|eu|ap|sa|me|af|ca|il|mx)-[a-z]+(?:-[a-z]+)?(?:-\d)?)(?=[.]|$)")


def is_prc_region(region: str) -> bool:
    return bool(PRC_REGION.match(region.strip().lower()))


def _declared() -> dict[str, str]:
    return {
        "DATA_REGION (database)": settings.DATA_REGION,
        "MEDIA_REGION (media storage)": settings.MEDIA_REGION,
        "BACKUP_REGION (backups)": settings.BACKUP_REGION,
    }


def _endpoint_regions() -> dict[str, str]:
    """Regions named by the media storage's options: region_name, or a region inside endpoint_url."""
    found: dict[str, str] = {}
    default: dict[str, Any] = settings.STORAGES.get("default", {})
    options: dict[str, Any] = default.get("OPTIONS") or {}
    if options.get("region_name"):
        found["STORAGES['default'] region_name"] = str(options["region_name"])
    for key in ("endpoint_url", "custom_domain", "endpoint"):
        match = ENDPOINT_REGION.search(str(options.get(key) or "").lower().split("//")[-1].split("/")[0])
        if match:
            found[f"STORAGES['default'] {key}"] = match.group(1)
    return found


@checks.register(checks.Tags.compatibility, deploy=False)
def check_data_region(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    production = not settings.DEBUG
    messages: list[checks.CheckMessage] = []
    for name, region in {**_declared(), **_endpoint_regions()}.items():
        if not region:
            if production:  # development on a laptop declares nothing
                messages.append(
                    checks.Error(
                        f"{name} is not declared; production stores data in a declared PRC region.",
                        hint="Set it to the cloud region, for example cn-hangzhou (README, Configuration).",
                        id="portal.E061",
                    )
                )
        elif not is_prc_region(region):
            level = checks.Error if production else checks.Warning
            messages.append(
                level(
                    f"{name} is {region!r}, outside mainland China; data produced in the PRC is stored in the PRC.",
                    hint="Use a mainland China region such as cn-hangzhou or cn-beijing.",
                    id="portal.E062",
                )
            )
    return messages
