"""Revocation of a product's protection (撤销保护), proposed by 科技司 staff and decided by its lead."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .products import ProtectedProduct


class ProductRevocation(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        REVOKED = "revoked", _("revoked")
        REFUSED = "refused", _("refused")

    class Ground(models.TextChoices):
        CONDITIONS_LOST = "conditions_lost", _("the product no longer has the quality or reputation linked to its area")
        NOT_USED = "not_used", _("the protection has not been used")
        UNLAWFUL = "unlawful", _("the protection was obtained unlawfully")
        REQUEST = "request", _("at the request of the applicant body or the local government")

    product = models.ForeignKey(ProtectedProduct, models.PROTECT, related_name="revocations")
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices)
    reasons = models.TextField(_("reasons"))
    status = FSMField(_("status"), default=Status.PROPOSED, choices=Status.choices, protected=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decision_comment = models.TextField(_("decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("revocation of protection")
        verbose_name_plural = _("revocations of protection")
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=models.Q(status="proposed"), name="one_open_revocation_per_product"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @transition(field=status, source=Status.PROPOSED, target=Status.REVOKED)
    def confirm(self) -> None:
        pass

    @transition(field=status, source=Status.PROPOSED, target=Status.REFUSED)
    def refuse(self) -> None:
        pass
