"""The append-only audit trail: one event per change, each signed on its own and sealed in order
(ADR 0059; the events written before it are hash-chained one to the next, ADR 0001/0043)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberedByDatabase(models.PositiveBigIntegerField):
    """A number the INSERT itself draws (audit.numbering.NextSequence) and hands back: no lock,
    no statement of its own."""

    db_returning = True


class AuditEvent(models.Model):
    # Increasing in the order the numbers were drawn, not always the commit order, and with gaps
    # (a rolled-back transaction's numbers are not reused): the seals fix the order (ADR 0059).
    sequence = NumberedByDatabase(_("sequence"), unique=True, editable=False)
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
    # The hash of the event before it for the chained events written before ADR 0059; empty for
    # the events signed on their own since then, which their seal puts in order instead.
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    # Random, signed with the event: two events alike in every field still differ (ADR 0059).
    salt = models.CharField(max_length=32, blank=True, default="", editable=False)
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
    """A single row holding the tip of the chained events written before ADR 0059.

    Writers locked it until then; since, nothing moves it: it names the last chained event, which
    the first seal covers.
    """

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash[:12]}"


class AuditSeal(models.Model):
    """The events numbered after the previous seal's last, up to `last_sequence`, sealed in order
    by the worker (ADR 0059): how many, the digest of their (sequence, hash) in order, and an HMAC
    chaining this seal to the one before (the first, to the last chained event)."""

    number = models.PositiveBigIntegerField(unique=True, editable=False)
    first_sequence = models.PositiveBigIntegerField(editable=False)
    last_sequence = models.PositiveBigIntegerField(editable=False)
    events = models.PositiveIntegerField(editable=False)
    digest = models.CharField(max_length=64, editable=False)
    previous_hash = models.CharField(max_length=64, editable=False)
    key_id = models.CharField(max_length=16, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    sealed_at = models.DateTimeField(editable=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")

    def __str__(self) -> str:
        return f"S{self.number} #{self.first_sequence}–#{self.last_sequence}"


class AuditAnchor(models.Model):
    """The chain's head as published on a day (ADR 0043): shown on the public register, printed on
    issued statistics forms and appended to a file outside the database, so that a rewrite of the
    chain up to it is detected even by someone holding the HMAC key."""

    day = models.DateField(_("day"), unique=True, editable=False)
    sequence = models.PositiveBigIntegerField(_("last event"), editable=False)
    key_id = models.CharField(_("key"), max_length=16, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)
    # Since ADR 0059 an anchor names a seal (its number in `sequence`), before it an event.
    of_seal = models.BooleanField(default=False, editable=False)
    # The events in the trail up to it (for an event's anchor, its sequence).
    entries = models.PositiveBigIntegerField(default=0, editable=False)
    published_at = models.DateTimeField(_("published at"), editable=False)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("audit chain anchor")
        verbose_name_plural = _("audit chain anchors")

    def __str__(self) -> str:
        return f"{self.day} {self.value}"

    @property
    def value(self) -> str:
        """What is printed and typed back into `verify_audit --anchor`: S12:key:hash for a seal,
        sequence:key:hash for an event (anchors before ADR 0059)."""
        return f"{'S' if self.of_seal else ''}{self.sequence}:{self.key_id}:{self.hash}"
