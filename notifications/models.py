"""The outbox: one Notification per recipient (the in-app channel) and its e-mail delivery.

Rows are written in the transaction of the change that causes them and delivered by the
worker after commit (jobs.deliver_notifications); see docs/adr/0008.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=60)
    # Rendered once, in the recipient's language, when the change happened.
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    target_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            # The unread count in every page header.
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(fields=["target_type", "target_id"], name="notification_target_idx"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailDelivery(models.Model):
    """The e-mail channel of one notification: claimed by one worker at a time, retried with backoff.

    Delivery is at least once (docs/adr/0044): the attempt is counted and the row marked
    "sending" in a committed transaction before the mail server is spoken to, so a worker that
    dies in the conversation leaves a trace; the message is then sent once more with the same
    Message-ID, and a receiver can tell the two copies apart.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    notification = models.OneToOneField(
        Notification, models.CASCADE, related_name="email_delivery", verbose_name=_("notification")
    )
    # The address when the notification was created: the message is complete in the outbox.
    to_address = models.EmailField(_("e-mail address"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    # Set when an attempt starts and cleared when it ends: a marker older than the sending
    # timeout means the worker died while talking to the mail server.
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    # The same on every attempt: two copies of one message carry one Message-ID.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    # Attempts cut short by a worker that died; one is retried, a second one is given up.
    interrupted = models.PositiveSmallIntegerField(_("interrupted attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        indexes = [
            # The worker's queue: only pending rows, oldest due first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="emaildelivery_queue_idx",
            ),
            # Attempts under way, to find those whose worker died.
            models.Index(
                fields=["sending_since"],
                condition=models.Q(status="sending"),
                name="emaildelivery_sending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to_address} · {self.get_status_display()}"


class NotificationPreference(models.Model):
    """A user's choice for one kind; no row means the default (e-mail on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preferences", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=60)
    email_enabled = models.BooleanField(_("send e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}"
