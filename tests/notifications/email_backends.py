"""An e-mail backend for the two-worker test: one line per message, appended to a shared file."""

import os
import time

from django.core.mail.backends.base import BaseEmailBackend

LOG_ENV = "TERROIR_TEST_MAIL_LOG"


class AppendToFileBackend(BaseEmailBackend):
    """Writes "<Message-ID> <pid>" per message with O_APPEND: lines from two processes never interleave."""

    def send_messages(self, email_messages):
        descriptor = os.open(os.environ[LOG_ENV], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            for message in email_messages:
                message.message()  # serialised, as a real backend would
                os.write(descriptor, f"{message.extra_headers['Message-ID']} {os.getpid()}\n".encode())
                # A mail server takes a moment: keeps both workers busy at the same time.
                time.sleep(0.002)
        finally:
            os.close(descriptor)
        return len(email_messages)


HANG_AFTER_ENV = "TERROIR_TEST_MAIL_HANG_AFTER"


class SlowConversationBackend(BaseEmailBackend):
    """A mail server conversation in two steps: "BEGIN <id>" when it starts, "SENT <id> <pid>" once accepted.

    With TERROIR_TEST_MAIL_HANG_AFTER=N the conversation of message N+1 starts and never ends,
    so a test can kill the worker in the middle of a delivery, at a known point.
    """

    sent = 0

    def send_messages(self, email_messages):
        hang_after = int(os.environ.get(HANG_AFTER_ENV, "-1"))
        descriptor = os.open(os.environ[LOG_ENV], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            for message in email_messages:
                message_id = message.extra_headers["Message-ID"]
                os.write(descriptor, f"BEGIN {message_id} {os.getpid()}\n".encode())
                if SlowConversationBackend.sent == hang_after:
                    while True:
                        time.sleep(1)
                time.sleep(0.01)
                os.write(descriptor, f"SENT {message_id} {os.getpid()}\n".encode())
                SlowConversationBackend.sent += 1
        finally:
            os.close(descriptor)
        return len(email_messages)
