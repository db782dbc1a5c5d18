"""Objections (异议) to an announced application, and the evidence filed with them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ..common.tracking import TRACKING_NUMBER_MAX_LENGTH, new_objection_tracking_number
from ..uploads import RandomUploadPath
from .applications import Application
from .stored_files import StoredFile


class Objection(ConcurrentTransitionMixin, models.Model):
    """An objection (异议) filed by anyone while the window is open; 法规司 handles it."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        INADMISSIBLE = "inadmissible", _("inadmissible")
        AWAITING_REPLY = "awaiting_reply", _("awaiting the applicant's reply")
        REPLIED = "replied", _("replied")
        REJECTED = "rejected", _("rejected")
        SUSTAINED = "sustained", _("sustained")

    DECIDED_STATES = (Status.INADMISSIBLE, Status.REJECTED, Status.SUSTAINED)

    application = models.ForeignKey(Application, models.PROTECT, related_name="objections")
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    # What the objector looks the objection up by, with the contact given (办件查询, ADR 0034).
    tracking_number = models.CharField(
        _("tracking number"),
        max_length=TRACKING_NUMBER_MAX_LENGTH,
        unique=True,
        default=new_objection_tracking_number,
        editable=False,
    )
    objector_name = models.CharField(_("name or organisation"), max_length=200)
    objector_id_code = models.CharField(_("identity number or credit code"), max_length=18)
    contact = models.CharField(_("contact (telephone or e-mail)"), max_length=100)
    grounds = models.TextField(_("grounds"))
    status = FSMField(_("status"), default=Status.RECEIVED, choices=Status.choices, protected=True)
    applicant_reply = models.TextField(_("applicant's reply"), blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_decided(self) -> bool:
        return self.status in self.DECIDED_STATES

    @property
    def awaits_admissibility(self) -> bool:
        return self.status == self.Status.RECEIVED

    @property
    def awaits_reply(self) -> bool:
        return self.status == self.Status.AWAITING_REPLY

    @property
    def can_record_decision(self) -> bool:
        """Admitted, and its application's objections are being decided."""
        return (
            self.status in (self.Status.AWAITING_REPLY, self.Status.REPLIED)
            and self.application.objections_are_decided_now
        )

    @transition(field=status, source=Status.RECEIVED, target=Status.AWAITING_REPLY)
    def admit(self) -> None:
        pass

    @transition(field=status, source=Status.RECEIVED, target=Status.INADMISSIBLE)
    def refuse_as_inadmissible(self) -> None:
        pass

    @transition(field=status, source=Status.AWAITING_REPLY, target=Status.REPLIED)
    def reply(self) -> None:
        pass

    @transition(field=status, source=[Status.AWAITING_REPLY, Status.REPLIED], target=Status.REJECTED)
    def reject(self) -> None:
        """Decided without the reply when the applicant lets the time pass."""

    @transition(field=status, source=[Status.AWAITING_REPLY, Status.REPLIED], target=Status.SUSTAINED)
    def sustain(self) -> None:
        pass


class ObjectionEvidence(StoredFile):
    objection = models.ForeignKey(Objection, models.PROTECT, related_name="evidence")
    file = models.FileField(_("file"), upload_to=RandomUploadPath("objections"), max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("objection evidence")
        verbose_name_plural = _("objection evidence")
