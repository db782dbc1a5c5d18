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
