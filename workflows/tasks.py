"""Celery entry point to the periodic jobs; the same functions the embedded worker calls."""

from celery import shared_task

from .jobs import job_named


@shared_task(name="workflows.run_job", ignore_result=False)
def run_job(name: str) -> int:
    return job_named(name).run()
