"""Settings for a worker subprocess that speaks SMTP to the test's sink on loopback."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TERROIR_TEST_SMTP_PORT"])
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_TIMEOUT = 10
# The worker that replaces a killed one takes over its unfinished sending after a second.
NOTIFICATION_SENDING_TIMEOUT = 1
