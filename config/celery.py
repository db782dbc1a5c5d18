"""Celery for deployments with Redis: beat schedules the same jobs the embedded worker runs.

    celery -A config worker -l info      on every node (with REDIS_URL set)
    celery -A config beat -l info        once, on one node only

Not `worker --beat` on every node: each beat sends every job once per period. A second beat
started by mistake repeats nothing (each run claims its period in the database, see
workflows.schedule and docs/adr/0044), but it doubles the messages for nothing.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("terroir")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workflows"])


@app.on_after_finalize.connect
def schedule_jobs(sender, **kwargs):
    from workflows.jobs import JOBS

    for job in JOBS:
        sender.add_periodic_task(
            job.every_seconds, sender.signature("workflows.run_job", args=[job.name]), name=job.name
        )
