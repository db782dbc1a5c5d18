"""The append-only audit trail: one event per change, each hash-chained to the one before."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Empty for the system (timers, the worker)."),
    )
    actor_label = models.CharField(_("actor name"), max_length=150, editable=False)
    action = models.CharField(_("action"), max_length=80, editable=False)
    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+", editable=False)
    target_id = models.CharField(max_length=40, editable=False)
    target_label = models.CharField(_("object"), max_length=200, editable=False)
    from_state = models.CharField(_("from"), max_length=40, blank=True, editable=False)
    to_state = models.CharField(_("to"), max_length=40, blank=True, editable=False)
    comment = models.TextField(_("comment"), blank=True, editable=False)
    data = models.JSONField(_("details"), default=dict, blank=True, editable=False)
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    # The HMAC key the hash was computed with (audit.keys); empty for the events hashed before
    # keying (ADR 0043). Kept per event, so a rotated key still verifies what it signed.
    key_id = models.CharField(max_length=16, blank=True, default="", editable=False)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id", "sequence"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_label}"


class AuditChainHead(models.Model):
    """A single row holding the chain's tip.

    Writers lock it, so events get gap-free sequence numbers in commit order, and
    deleting the newest events is detected (the head no longer matches the tail).
    """

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash[:12]}"


class AuditAnchor(models.Model):
    """The chain's head as published on a day (ADR 0043): shown on the public register, printed on
    issued statistics forms and appended to a file outside the database, so that a rewrite of the
    chain up to it is detected even by someone holding the HMAC key."""

    day = models.DateField(_("day"), unique=True, editable=False)
    sequence = models.PositiveBigIntegerField(_("last event"), editable=False)
    key_id = models.CharField(_("key"), max_length=16, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)
    published_at = models.DateTimeField(_("published at"), editable=False)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("audit chain anchor")
        verbose_name_plural = _("audit chain anchors")

    def __str__(self) -> str:
        return f"{self.day} #{self.sequence} {self.hash[:12]}"
