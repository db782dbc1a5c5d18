"""The periodic jobs' schedule: due jobs run at start-up, and each period's run happens once across copies."""

import dataclasses
import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from workflows import jobs
from workflows.management.commands import run_worker
from workflows.models import JobRun
from workflows.schedule import claim_run

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


class OneRound(threading.Event):
    """The worker's stop flag, raised after its first round of jobs."""

    def wait(self, timeout=None):
        self.set()
        return True


@pytest.fixture
def worker_round(monkeypatch):
    """Run one round of run_worker on a host that booted `uptime` seconds ago; return the jobs that ran."""
    ran: list[str] = []

    def recorder(name):
        def run():
            ran.append(name)
            return 0

        return run

    monkeypatch.setattr(run_worker, "JOBS", [dataclasses.replace(job, run=recorder(job.name)) for job in jobs.JOBS])
    monkeypatch.setattr(run_worker.threading, "Event", OneRound)
    # In-process, inside the test's transaction: the connection must stay open (CONN_MAX_AGE 0 would close it).
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)

    def one_round(uptime: float) -> list[str]:
        ran.clear()
        monkeypatch.setattr(run_worker.time, "monotonic", lambda: uptime)
        call_command("run_worker", "--tick", "0")
        return list(ran)

    return one_round


def test_a_worker_started_on_a_host_booted_a_minute_ago_runs_every_job_at_once(worker_round):
    # time.monotonic() counts from the host's boot: 42 s is less than the 10-minute and hourly periods.
    ran = worker_round(uptime=42.0)
    assert ran == [job.name for job in jobs.JOBS]
    assert {"check_deadlines", "sweep_orphan_documents", "open_statistics_periods"} <= set(ran)


def test_a_second_copy_in_the_same_period_runs_only_the_queue_jobs(worker_round):
    worker_round(uptime=42.0)
    # Another copy (or this one restarted) half a minute later.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=30)):
        ran = worker_round(uptime=9999.0)
    assert ran == ["fire_workflow_timers", "deliver_notifications", "open_drawn_checks", "run_register_imports"]
    # Eleven minutes on: the 10-minute job is due again, the hourly ones are not.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        ran = worker_round(uptime=9999.0)
    assert "check_deadlines" in ran
    assert "open_statistics_periods" not in ran and "sweep_staged_files" not in ran


def test_a_period_is_claimed_once():
    assert claim_run("probe", 60)
    assert not claim_run("probe", 60)
    now = timezone.now()
    # A scheduler firing a little early still gets the period's run…
    with time_machine.travel(now + datetime.timedelta(seconds=55), tick=False):
        assert claim_run("probe", 60)
    # …but not one half a period after the last.
    with time_machine.travel(now + datetime.timedelta(seconds=85), tick=False):
        assert not claim_run("probe", 60)
    # A run asked for by hand always runs, and counts as the period's run.
    assert claim_run("probe", 60, force=True)
    assert JobRun.objects.get(name="probe").last_started_at >= now
