"""The EU–China agreement on geographical indications (signed 2020-09-14, in force 2021-03-01):
the names each side protects, annex by annex, and the objections to a second-batch name
(docs/adr/0052)."""

import datetime
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

ENTRY_INTO_FORCE = datetime.date(2021, 3, 1)
# The second batch is to be protected within four years of entry into force.
SECOND_BATCH_DUE = datetime.date(2025, 3, 1)


class Annex(models.TextChoices):
    III = "III", _("Annex III: Chinese names, first batch")
    IV = "IV", _("Annex IV: EU names, first batch")
    V = "V", _("Annex V: Chinese names, second batch")
    VI = "VI", _("Annex VI: EU names, second batch")


FIRST_BATCH = frozenset({Annex.III, Annex.IV})
CHINESE_ANNEXES = frozenset({Annex.III, Annex.V})


class Country(models.TextChoices):
    """China and the EU's member states, by ISO 3166 code (the annexes name the country of each name)."""

    CN = "CN", _("China")
    AT = "AT", _("Austria")
    BE = "BE", _("Belgium")
    BG = "BG", _("Bulgaria")
    CY = "CY", _("Cyprus")
    CZ = "CZ", _("Czechia")
    DE = "DE", _("Germany")
    DK = "DK", _("Denmark")
    EE = "EE", _("Estonia")
    ES = "ES", _("Spain")
    FI = "FI", _("Finland")
    FR = "FR", _("France")
    GR = "GR", _("Greece")
    HR = "HR", _("Croatia")
    HU = "HU", _("Hungary")
    IE = "IE", _("Ireland")
    IT = "IT", _("Italy")
    LT = "LT", _("Lithuania")
    LU = "LU", _("Luxembourg")
    LV = "LV", _("Latvia")
    MT = "MT", _("Malta")
    NL = "NL", _("Netherlands")
    PL = "PL", _("Poland")
    PT = "PT", _("Portugal")
    RO = "RO", _("Romania")
    SE = "SE", _("Sweden")
    SI = "SI", _("Slovenia")
    SK = "SK", _("Slovakia")


def new_public_token() -> str:
    return secrets.token_urlsafe(12)


class AgreementEntry(ConcurrentTransitionMixin, models.Model):
    """One name of an annex. First-batch names are protected from entry into force; a second-batch
    name is published for objections, examined and decided by the 国际司."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PUBLICATION_PENDING = "publication_pending", _("publication awaiting the lead")
        PUBLISHED = "published", _("published for objections")
        UNDER_DECISION = "under_decision", _("objection period over, being decided")
        DECISION_PENDING = "decision_pending", _("decision awaiting the lead")
        PROTECTED = "protected", _("protected")
        REFUSED = "refused", _("refused")

    class Outcome(models.TextChoices):
        PROTECT = "protect", _("protect the name")
        REFUSE = "refuse", _("refuse protection")

    annex = models.CharField(_("annex"), max_length=3, choices=Annex.choices)
    name = models.CharField(_("name in the original language"), max_length=200)
    transcription = models.CharField(_("transcription"), max_length=200, blank=True)
    name_pinyin = models.CharField(_("pinyin"), max_length=400, blank=True, db_index=True)
    product_class = models.CharField(_("product class"), max_length=100)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # The domestic GI record of a Chinese name, where Terroir holds it.
    product = models.ForeignKey(
        "cases.ProtectedProduct",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_entries",
        verbose_name=_("domestic GI record"),
    )
    decision_reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    status = FSMField(_("status"), default=Status.PROPOSED, choices=Status.choices, protected=True)
    protected_from = models.DateField(_("protected from"), null=True, blank=True)
    window_opens = models.DateField(_("objection period opens"), null=True, blank=True)
    window_closes = models.DateField(_("objection period closes"), null=True, blank=True)
    window_provisional = models.BooleanField(_("closing date provisional"), default=False)
    proposed_outcome = models.CharField(_("proposed decision"), max_length=10, choices=Outcome.choices, blank=True)
    decision_comment = models.TextField(_("reasons of the decision"), blank=True)
    public_token = models.CharField(max_length=32, unique=True, default=new_public_token, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["annex", "name"]
        verbose_name = _("agreement entry")
        verbose_name_plural = _("agreement entries")
        constraints = [models.UniqueConstraint(fields=["annex", "name"], name="one_name_per_annex")]

    def __str__(self) -> str:
        return self.name

    @property
    def batch(self) -> int:
        return 1 if self.annex in FIRST_BATCH else 2

    @property
    def is_chinese(self) -> bool:
        return self.annex in CHINESE_ANNEXES

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.PROTECTED, self.Status.REFUSED)

    # The transitions: the only place status changes; agreement.services calls them.

    @transition(field=status, source=Status.PROPOSED, target=Status.PUBLICATION_PENDING)
    def request_publication(self) -> None:
        pass

    @transition(field=status, source=Status.PUBLICATION_PENDING, target=Status.PUBLISHED)
    def publish(self) -> None:
        pass

    @transition(field=status, source=Status.PUBLICATION_PENDING, target=Status.PROPOSED)
    def return_publication(self) -> None:
        pass

    @transition(field=status, source=Status.PUBLISHED, target=Status.UNDER_DECISION)
    def close_window(self) -> None:
        pass

    @transition(field=status, source=Status.UNDER_DECISION, target=Status.DECISION_PENDING)
    def propose_decision(self) -> None:
        pass

    @transition(field=status, source=Status.DECISION_PENDING, target=Status.UNDER_DECISION)
    def return_decision(self) -> None:
        pass

    @transition(field=status, source=Status.DECISION_PENDING, target=Status.PROTECTED)
    def protect(self) -> None:
        pass

    @transition(field=status, source=Status.DECISION_PENDING, target=Status.REFUSED)
    def refuse(self) -> None:
        pass


class AgreementObjection(ConcurrentTransitionMixin, models.Model):
    """An objection to a second-batch name while it is published; answered by the decision."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    entry = models.ForeignKey(AgreementEntry, models.PROTECT, related_name="objections")
    objector_name = models.CharField(_("name or organisation"), max_length=200)
    contact = models.CharField(_("contact (telephone or e-mail)"), max_length=100)
    grounds = models.TextField(_("grounds"))
    status = FSMField(_("status"), default=Status.RECEIVED, choices=Status.choices, protected=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("objection to an agreement name")
        verbose_name_plural = _("objections to agreement names")

    def __str__(self) -> str:
        return f"{self.entry.name} · {self.objector_name}"

    @transition(field=status, source=Status.RECEIVED, target=Status.UPHELD)
    def uphold(self) -> None:
        pass

    @transition(field=status, source=Status.RECEIVED, target=Status.DISMISSED)
    def dismiss(self) -> None:
        pass
