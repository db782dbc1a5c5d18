"""The Celery path of the background jobs, against the real Redis on 127.0.0.1:6379."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from workflows.jobs import JOBS

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_beat_schedules_every_worker_job():
    from config.celery import app

    app.finalize(auto=True)
    scheduled = {entry["args"][0] for entry in app.conf.beat_schedule.values()}
    assert scheduled == {job.name for job in JOBS}


@pytest.mark.skipif(not redis_is_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_a_celery_worker_runs_the_jobs_through_redis(tmp_path):
    queue = f"terroir-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'celery.sqlite3'}",
        "REDIS_URL": REDIS_URL,
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # One task in ERROR, so the job has something to report.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from viewflow.workflow.models import Process, Task\n"
            "from tests.workflows.sample_flows import SampleFlow\n"
            "p = Process.objects.create(flow_class=SampleFlow, status='NEW')\n"
            "Task.objects.create(process=p, flow_task=SampleFlow.start, status='ERROR')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue, "-l", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from celery import Celery

        client = Celery(broker=REDIS_URL, backend=REDIS_URL)
        result = client.send_task("workflows.run_job", args=["report_error_tasks"], queue=queue)
        assert result.get(timeout=120) == 1  # generous: the worker starts slowly on a busy machine
        second = client.send_task("workflows.run_job", args=["report_error_tasks"], queue=queue)
        assert second.get(timeout=60) == 0  # reported once only
    finally:
        worker.terminate()
        worker.wait(timeout=30)
