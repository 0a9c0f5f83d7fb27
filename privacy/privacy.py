"""Registry entries of the privacy app."""

from privacy.models import PolicyVersion
from privacy.registry import declare_no_personal_data

declare_no_personal_data(PolicyVersion, reason="The published text of the policy; it names no member.")
