"""Product protection applications (地理标志产品保护申请) and their expert opinions; objections in objections.py."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import GET_STATE, ConcurrentTransitionMixin, FSMField, transition

from organizations.models import Department, Enterprise, Region

from ..uploads import RandomUploadPath
from .declarations import new_verification_token
from .products import ProductCategory, ProtectedProduct
from .stored_files import StoredFile


class Regime(models.TextChoices):
    # 2005 AQSIQ regulation: acceptance announcement, objections, then the technical review.
    AQSIQ_2005 = "2005", _("2005 regulation (objections before the technical review)")
    # 2023 CNIPA measures (in force 2024-02-01): technical review, preliminary recognition, objections.
    CNIPA_2023 = "2023", _("2023 measures (technical review before the objection window)")


class Purpose(models.TextChoices):
    PROTECTION = "protection", _("protection of a new product")
    # Name, area, quality characteristics: examined and announced like a new application.
    MAIN_AMENDMENT = "main_amendment", _("amendment of main content")
    # Contacts, standard references and the like: provincial and 科技司 review, then the lead.
    MINOR_AMENDMENT = "minor_amendment", _("amendment of non-main content")


def _is_new_protection(application) -> bool:
    return application.purpose == Purpose.PROTECTION


# The conditions of the transitions below. django-fsm types a condition as taking any model; it
# is called with the application, hence the Any.
def _is_announced(application: Any) -> bool:
    return application.purpose != Purpose.MINOR_AMENDMENT


def _regime_is(regime: str) -> Callable[[Any], bool]:
    return lambda application: application.regime == regime


def _under(regime: str) -> Callable[[Any], bool]:
    return lambda application: application.regime == regime and _is_announced(application)


class Application(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PRELIMINARY_EXAMINATION = "preliminary_examination", _("preliminary examination")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("supplement requested")
        FORMAL_EXAMINATION = "formal_examination", _("formal examination")
        DEFECT_NOTICE = "defect_notice", _("defect notice issued")
        ANNOUNCEMENT_PENDING = "announcement_pending", _("announcement awaiting approval")
        OBJECTION_WINDOW = "objection_window", _("objection window open")
        OBJECTION_HANDLING = "objection_handling", _("objections being handled")
        TECHNICAL_REVIEW = "technical_review", _("technical review")
        APPROVAL_PENDING = "approval_pending", _("approval awaiting the lead")
        REJECTION_PROPOSED = "rejection_proposed", _("rejection proposed")
        PROTECTED = "protected", _("protected")
        AMENDED = "amended", _("amendment approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN_STATES = (
        Status.PRELIMINARY_EXAMINATION,
        Status.SUPPLEMENT_REQUESTED,
        Status.FORMAL_EXAMINATION,
        Status.DEFECT_NOTICE,
        Status.ANNOUNCEMENT_PENDING,
        Status.OBJECTION_WINDOW,
        Status.OBJECTION_HANDLING,
        Status.TECHNICAL_REVIEW,
        Status.APPROVAL_PENDING,
        Status.REJECTION_PROPOSED,
    )
    # The applicant may edit the application's content only while it is in its hands.
    EDITABLE_STATES = (Status.DRAFT, Status.SUPPLEMENT_REQUESTED, Status.DEFECT_NOTICE)
    # Stages from which staff may propose a rejection, which their lead then decides.
    REJECTABLE_STATES = (Status.PRELIMINARY_EXAMINATION, Status.FORMAL_EXAMINATION, Status.TECHNICAL_REVIEW)

    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True)
    public_token = models.CharField(max_length=32, unique=True, default=new_verification_token, editable=False)
    regime = models.CharField(_("procedure"), max_length=4, choices=Regime.choices, default=Regime.CNIPA_2023)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.PROTECTION)
    amends = models.ForeignKey(
        ProtectedProduct,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amended product"),
    )
    applicant = models.ForeignKey(
        Enterprise, models.PROTECT, related_name="applications", verbose_name=_("applicant body")
    )
    product_name = models.CharField(_("product name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices)
    province = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Region.Level.PROVINCE},
        verbose_name=_("province"),
    )
    proposed_area = models.ManyToManyField(Region, related_name="+", verbose_name=_("proposed protected area"))
    quality_characteristics = models.TextField(_("quality characteristics"))
    area_link = models.TextField(_("link between quality and the area (natural and human factors)"))
    production_specification = models.TextField(_("production specification"))
    reputation_history = models.TextField(_("reputation and history"))
    proposed_standard = models.CharField(_("proposed product standard"), max_length=200)
    status = FSMField(_("status"), default=Status.DRAFT, choices=Status.choices, protected=True)
    supplement_rounds = models.PositiveSmallIntegerField(_("supplement rounds"), default=0)
    rejection_stage = models.CharField(max_length=30, blank=True)
    rejection_department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("proposed by")
    )
    pending_request = models.TextField(_("what the applicant is asked for"), blank=True)
    objection_window_opens = models.DateField(_("objection window opens"), null=True, blank=True)
    objection_window_closes = models.DateField(_("objection window closes"), null=True, blank=True)
    # Computed in a year whose official schedule is not entered yet: recomputed when it is (ADR 0041).
    objection_window_provisional = models.BooleanField(_("closing date provisional"), default=False)
    review_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair of the expert review"),
    )
    review_conclusion = models.TextField(_("conclusion of the expert review"), blank=True)
    product = models.OneToOneField(
        ProtectedProduct,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("protected product"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("protection application")
        verbose_name_plural = _("protection applications")
        indexes = [
            models.Index(fields=["status", "province"], name="application_status_prov_idx"),
            models.Index(fields=["applicant", "status"], name="application_applicant_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('draft')} {self.product_name}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    # What the pages offer, asked of the application rather than spelled as status strings.

    @property
    def is_draft(self) -> bool:
        """The applicant may still edit and submit it."""
        return self.status == self.Status.DRAFT

    @property
    def awaits_supplement(self) -> bool:
        """In the applicant's hands: a supplement or the answer to a defect notice is asked."""
        return self.status in (self.Status.SUPPLEMENT_REQUESTED, self.Status.DEFECT_NOTICE)

    @property
    def is_open_to_objections(self) -> bool:
        return self.status == self.Status.OBJECTION_WINDOW

    @property
    def objections_are_decided_now(self) -> bool:
        """The window has closed with objections: 法规司 decides them."""
        return self.status == self.Status.OBJECTION_HANDLING

    # Transitions: the only place status changes; the services call them in a transaction.

    @transition(field=status, source=Status.DRAFT, target=Status.PRELIMINARY_EXAMINATION)
    def submit(self) -> None:
        pass

    @transition(field=status, source=Status.PRELIMINARY_EXAMINATION, target=Status.SUPPLEMENT_REQUESTED)
    def request_supplement(self) -> None:
        pass

    @transition(
        field=status, source=[Status.SUPPLEMENT_REQUESTED, Status.DEFECT_NOTICE], target=Status.PRELIMINARY_EXAMINATION
    )
    def resubmit(self) -> None:
        """A supplement or the answer to a defect notice goes back through the province."""

    @transition(field=status, source=Status.PRELIMINARY_EXAMINATION, target=Status.FORMAL_EXAMINATION)
    def forward_to_formal_examination(self) -> None:
        pass

    @transition(field=status, source=Status.FORMAL_EXAMINATION, target=Status.DEFECT_NOTICE)
    def issue_defect_notice(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.FORMAL_EXAMINATION,
        target=Status.ANNOUNCEMENT_PENDING,
        conditions=[_under(Regime.AQSIQ_2005)],
    )
    def accept_for_announcement(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.FORMAL_EXAMINATION,
        target=Status.TECHNICAL_REVIEW,
        conditions=[_under(Regime.CNIPA_2023)],
    )
    def accept_for_review(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.FORMAL_EXAMINATION,
        target=Status.APPROVAL_PENDING,
        conditions=[lambda application: not _is_announced(application)],
    )
    def accept_minor_amendment(self) -> None:
        """Non-main content: examined by the province and 科技司, approved by the lead, not announced."""

    @transition(field=status, source=Status.ANNOUNCEMENT_PENDING, target=Status.OBJECTION_WINDOW)
    def open_objection_window(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.ANNOUNCEMENT_PENDING,
        target=GET_STATE(
            lambda application: (
                Application.Status.FORMAL_EXAMINATION
                if application.regime == Regime.AQSIQ_2005
                else Application.Status.TECHNICAL_REVIEW
            ),
            states=[Status.FORMAL_EXAMINATION, Status.TECHNICAL_REVIEW],
        ),
    )
    def return_announcement(self) -> None:
        """The lead does not approve the announcement: back to the stage that prepared it."""

    @transition(field=status, source=Status.OBJECTION_WINDOW, target=Status.OBJECTION_HANDLING)
    def close_window_with_objections(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.OBJECTION_WINDOW, Status.OBJECTION_HANDLING],
        target=Status.TECHNICAL_REVIEW,
        conditions=[_regime_is(Regime.AQSIQ_2005)],
    )
    def proceed_to_review(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.OBJECTION_WINDOW, Status.OBJECTION_HANDLING],
        target=Status.APPROVAL_PENDING,
        conditions=[_regime_is(Regime.CNIPA_2023)],
    )
    def proceed_to_approval(self) -> None:
        pass

    @transition(field=status, source=Status.OBJECTION_HANDLING, target=Status.SUPPLEMENT_REQUESTED)
    def return_after_objection(self) -> None:
        """A sustained objection the applicant can cure: back to the applicant."""

    @transition(
        field=status,
        source=Status.TECHNICAL_REVIEW,
        target=Status.APPROVAL_PENDING,
        conditions=[_regime_is(Regime.AQSIQ_2005)],
    )
    def pass_review_for_approval(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.TECHNICAL_REVIEW,
        target=Status.ANNOUNCEMENT_PENDING,
        conditions=[_regime_is(Regime.CNIPA_2023)],
    )
    def pass_review_for_recognition(self) -> None:
        """2023: the preliminary recognition announcement opens the objection window."""

    @transition(
        field=status,
        source=Status.APPROVAL_PENDING,
        target=GET_STATE(
            lambda application: (
                Application.Status.PROTECTED if _is_new_protection(application) else Application.Status.AMENDED
            ),
            states=[Status.PROTECTED, Status.AMENDED],
        ),
    )
    def approve(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.APPROVAL_PENDING,
        target=GET_STATE(
            lambda application: (
                Application.Status.TECHNICAL_REVIEW
                if _is_announced(application)
                else Application.Status.FORMAL_EXAMINATION
            ),
            states=[Status.TECHNICAL_REVIEW, Status.FORMAL_EXAMINATION],
        ),
    )
    def return_approval(self) -> None:
        """Back to the experts, or for a minor amendment back to 科技司's examination."""

    @transition(field=status, source=REJECTABLE_STATES, target=Status.REJECTION_PROPOSED)
    def propose_rejection(self) -> None:
        pass

    @transition(field=status, source=[Status.REJECTION_PROPOSED, Status.OBJECTION_HANDLING], target=Status.REJECTED)
    def reject(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.REJECTION_PROPOSED,
        target=GET_STATE(lambda application: application.rejection_stage, states=REJECTABLE_STATES),
    )
    def refuse_rejection(self) -> None:
        """The lead does not confirm the rejection: the case returns to the stage that proposed it."""

    @transition(field=status, source=[Status.DRAFT, *OPEN_STATES], target=Status.WITHDRAWN)
    def withdraw(self) -> None:
        pass


class ApplicationAttachment(StoredFile):
    class Kind(models.TextChoices):
        AREA_MAP = "area_map", _("map of the proposed area")
        GOVERNMENT_LETTER = "government_letter", _("government letter")
        SPECIFICATION = "specification", _("production specification or standard draft")
        EVIDENCE = "evidence", _("evidence of reputation and history")
        SUPPLEMENT = "supplement", _("supplement")

    REQUIRED_KINDS = (Kind.AREA_MAP, Kind.GOVERNMENT_LETTER)

    application = models.ForeignKey(Application, models.PROTECT, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=RandomUploadPath("applications"), max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")


class ExpertOpinion(models.Model):
    """One expert's written opinion and vote in an application's technical review."""

    class Vote(models.TextChoices):
        APPROVE = "approve", _("approve")
        REVISE = "revise", _("approve after revision")
        REJECT = "reject", _("reject")

    application = models.ForeignKey(Application, models.PROTECT, related_name="expert_opinions")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="expert_opinions")
    review_round = models.PositiveSmallIntegerField(default=1)
    opinion = models.TextField(_("opinion"), blank=True)
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["application", "review_round", "pk"]
        verbose_name = _("expert opinion")
        verbose_name_plural = _("expert opinions")
        constraints = [
            models.UniqueConstraint(fields=["application", "review_round", "expert"], name="one_opinion_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.expert}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
