import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from tests.workflows.sample_flows import SampleFlow, TimerFlow
from workflows.jobs import report_error_tasks
from workflows.models import ErrorTaskAlert

ROOT = Path(__file__).resolve().parents[2]


def make_task(status: str) -> Task:
    process = Process.objects.create(flow_class=SampleFlow, status=STATUS.NEW)
    return Task.objects.create(process=process, flow_task=SampleFlow.start, status=status)


@pytest.mark.django_db(transaction=True)
def test_error_tasks_are_reported_to_administrators_once(settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    failed = make_task(STATUS.ERROR)
    make_task(STATUS.NEW)
    assert report_error_tasks() == 1
    assert len(mail.outbox) == 1
    assert f"task {failed.pk}" in mail.outbox[0].body
    assert report_error_tasks() == 0
    assert len(mail.outbox) == 1
    assert ErrorTaskAlert.objects.get().task == failed


@pytest.mark.django_db(transaction=True)
def test_worker_once_runs_every_job(settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    make_task(STATUS.ERROR)
    waiting = TimerFlow.start.run()
    call_command("run_worker", "--once")
    assert ErrorTaskAlert.objects.count() == 1
    waiting.refresh_from_db()
    assert waiting.status == STATUS.DONE
    assert waiting.task_set.get(flow_task=TimerFlow.wait).status == STATUS.DONE


def test_worker_stops_cleanly_on_sigterm(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--tick", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        first_line = worker.stdout.readline()
        assert "Worker started" in first_line
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=max(1, deadline - time.monotonic()))
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0
    assert "Worker stopped." in output
