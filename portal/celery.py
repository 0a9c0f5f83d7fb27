"""The Celery application: broker and task settings come from Django settings (CELERY_*)."""

import os

from celery import Celery

from portal.entrypoint import load_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# A worker or beat started with a bad DATABASE_URL/REDIS_URL says so in one line.
load_settings_or_exit()

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
