"""Registry entries of the portal app."""

from portal.models import Heartbeat
from privacy.registry import declare_no_personal_data

declare_no_personal_data(Heartbeat, reason="Times the background jobs last ran, and which worker ran them.")
