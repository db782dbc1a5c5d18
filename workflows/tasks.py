"""Celery entry point to the periodic jobs; the same functions the embedded worker calls."""

from celery import shared_task

from .jobs import job_named, run_in_turn


@shared_task(name="workflows.run_job", ignore_result=False)
def run_job(name: str) -> int:
    # A second beat (or a message that waited in the queue) finds the period's run taken: 0.
    return run_in_turn(job_named(name)) or 0
