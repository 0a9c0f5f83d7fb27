"""Settings of the suite: the development settings plus what only tests use.

allauth's dummy login provider (a local form instead of a partner) and an SMS backend that keeps the
full texts for the tests to read the codes, which the development outbox masks.
"""

import os

os.environ.setdefault("SOCIALACCOUNT_TEST_PROVIDER", "1")
os.environ.setdefault("SMS_BACKEND", "tests.sms.RecordingSmsBackend")

from portal.settings import *  # noqa: F403
