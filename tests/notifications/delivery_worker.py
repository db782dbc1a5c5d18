"""One delivery worker in its own OS process, for the two-worker test.

python -m tests.notifications.delivery_worker READY_FILE GO_FILE
Signals READY_FILE, waits for GO_FILE so both workers start together, then delivers
until nothing is left to claim and prints how many messages it sent.
"""

import sys
import time
from pathlib import Path


def main(ready: Path, go: Path) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "tests.notifications.email_backends.AppendToFileBackend"
    from notifications.jobs import deliver_notifications

    ready.touch()
    while not go.exists():
        time.sleep(0.005)
    total = 0
    while sent := deliver_notifications(batch=10):
        total += sent
    print(total)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
