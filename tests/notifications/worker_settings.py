"""Settings for a worker subprocess in tests: the test settings with a mail backend that logs to a file."""

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "tests.notifications.email_backends.SlowConversationBackend"
# The worker that replaces a killed one takes over its unfinished sending after a second.
NOTIFICATION_SENDING_TIMEOUT = 1
