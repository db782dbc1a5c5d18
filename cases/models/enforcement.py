"""Inspection and enforcement cases (行政处罚案件, docs/domain.md §4): a clue becomes a case, is investigated,
reviewed, decided, served, executed, closed and archived."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from organizations.models import Department, Enterprise, Region

from ..common.tracking import TRACKING_NUMBER_MAX_LENGTH
from ..enforcement.choices import ClockPause, InvestigationAction, ServiceMethod
from ..uploads import RandomUploadPath
from .products import ProtectedProduct
from .supervision import SupervisionCheck


class ViolationType(models.TextChoices):
    """The GI violations of docs/domain.md §4."""

    UNAUTHORISED_USE = "unauthorised_use", _("unauthorised use or forgery of the GI name or mark")
    BELOW_STANDARD = "below_standard", _("GI name on products not meeting the standard")
    SIMILAR_MARK = "similar_mark", _("confusingly similar mark")
    MISLEADING = "misleading", _("misleading words or pictures")
    OUTSIDE_AREA = "outside_area", _("product from outside the protected area")
    IMITATION = "imitation", _("“style” or “imitation” free-riding")
    IRREGULAR_USE = "irregular_use", _("irregular use of the mark by an authorised user")


class EnforcementCase(ConcurrentTransitionMixin, models.Model):
    class Source(models.TextChoices):
        INSPECTION = "inspection", _("inspection finding")
        SUPERVISION = "supervision", _("supervision check referral")
        COMPLAINT = "complaint", _("complaint or tip")
        TRANSFER = "transfer", _("transfer from another authority")
        ASSIGNED = "assigned", _("assigned from above")

    class Status(models.TextChoices):
        VERIFYING = "verifying", _("clue under verification")
        FILING_DECISION = "filing_decision", _("filing decision")
        NOT_FILED = "not_filed", _("not filed")
        TRANSFERRED = "transferred", _("transferred")
        INVESTIGATING = "investigating", _("under investigation")
        SUSPENDED = "suspended", _("suspended")
        TERMINATED = "terminated", _("terminated")
        REVIEW = "review", _("under review")
        LEAD_APPROVAL = "lead_approval", _("awaiting the lead's approval")
        NOTICE = "notice", _("notice of proposed decision to serve")
        DEFENCE = "defence", _("defence window")
        HEARING = "hearing", _("hearing")
        RECHECK = "recheck", _("re-check")
        DECISION = "decision", _("awaiting decision")
        SERVICE = "service", _("decision to serve")
        EXECUTION = "execution", _("under execution")
        CLOSURE = "closure", _("to be closed")
        CLOSED = "closed", _("closed")
        ARCHIVED = "archived", _("archived")

    class Outcome(models.TextChoices):
        PENALTY = "penalty", _("administrative penalty")
        NO_PENALTY = "no_penalty", _("no penalty")
        NOT_ESTABLISHED = "not_established", _("violation not established")
        TRANSFER = "transfer", _("transfer to the competent authority")
        CRIMINAL = "criminal", _("referral to the judicial authorities")

    # States in which the officers hold the case (the 90-day clock runs from filing to decision).
    OPEN_INVESTIGATION = (Status.INVESTIGATING, Status.SUSPENDED)
    FINISHED = (Status.NOT_FILED, Status.TRANSFERRED, Status.TERMINATED, Status.CLOSED, Status.ARCHIVED)

    number = models.CharField(_("case number"), max_length=60, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    violation_type = models.CharField(_("violation type"), max_length=30, choices=ViolationType.choices)
    bureau = models.ForeignKey(
        Department, models.PROTECT, related_name="enforcement_cases", verbose_name=_("bureau with jurisdiction")
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    products = models.ManyToManyField(ProtectedProduct, related_name="+", blank=True, verbose_name=_("GI products"))
    enterprises = models.ManyToManyField(Enterprise, related_name="+", blank=True, verbose_name=_("enterprises"))
    party_description = models.CharField(
        _("party concerned"), max_length=300, blank=True, help_text=_("Name and address as reported.")
    )
    summary = models.TextField(_("facts reported"))
    supervision_check = models.OneToOneField(
        SupervisionCheck, models.PROTECT, null=True, blank=True, related_name="enforcement_case"
    )
    source_authority = models.CharField(_("transferring or assigning authority"), max_length=200, blank=True)
    complainant_name = models.CharField(_("complainant"), max_length=100, blank=True)
    complainant_contact = models.CharField(_("complainant's contact"), max_length=200, blank=True)
    # A report from the public is looked up by this number and the contact given (办件查询, ADR
    # 0034); cases from any other source have none.
    tracking_number = models.CharField(
        _("tracking number"), max_length=TRACKING_NUMBER_MAX_LENGTH, unique=True, null=True, blank=True, editable=False
    )
    is_major = models.BooleanField(_("major case"), default=False)
    status = FSMField(_("status"), default=Status.VERIFYING, choices=Status.choices, protected=True)

    verification_findings = models.TextField(_("verification findings"), blank=True)
    verification_extended = models.BooleanField(_("verification extended"), default=False)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    # Three texts that once shared closing_reason, kept apart: why the lead filed the case (立案理由,
    # on the filing approval form), why it ended without a decision (not filed, transferred or
    # terminated), and the closure report's summary (结案报告摘要, on the closure approval form).
    filing_reason = models.TextField(_("reason for filing"), blank=True)
    closing_reason = models.TextField(_("reason for not filing, transfer or termination"), blank=True)
    transferred_to = models.CharField(_("transferred to"), max_length=200, blank=True)
    clock_pause_reason = models.CharField(
        _("clock paused for"), max_length=30, blank=True, choices=list(ClockPause.labels.items())
    )

    report = models.TextField(_("investigation report"), blank=True)
    # A suspension or termination the officers proposed ("suspend" or "terminate"), awaiting the
    # lead's decision; the flow routes the investigation to the lead on it. Empty otherwise.
    proposed_interruption = models.CharField(
        _("proposed suspension or termination"),
        max_length=20,
        blank=True,
        choices=list(InvestigationAction.interruption_labels.items()),
    )
    proposed_outcome = models.CharField(_("proposed outcome"), max_length=20, choices=Outcome.choices, blank=True)
    proposed_fine = models.DecimalField(_("proposed fine"), max_digits=14, decimal_places=2, null=True, blank=True)
    proposed_confiscation = models.DecimalField(
        _("proposed confiscation"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    review_opinion = models.TextField(_("review opinion"), blank=True)
    notice_served_on = models.DateField(_("notice served on"), null=True, blank=True)
    defence = models.TextField(_("statement of defence"), blank=True)
    # The party may give up the rest of its 5-working-day defence window, in writing only; the
    # waiver (its copy kept as evidence of kind WAIVER) lets the case go on before the window ends.
    defence_waived_on = models.DateField(_("defence waived in writing on"), null=True, blank=True)
    hearing_at = models.DateTimeField(_("hearing at"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=200, blank=True)
    hearing_record = models.TextField(_("hearing record"), blank=True)
    recheck_opinion = models.TextField(_("re-check opinion"), blank=True)

    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True)
    fine = models.DecimalField(_("fine"), max_digits=14, decimal_places=2, null=True, blank=True)
    confiscation = models.DecimalField(
        _("confiscated illegal gains"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decision_grounds = models.TextField(_("grounds of the decision"), blank=True)
    collective_decision = models.TextField(_("collective decision record"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_served_on = models.DateField(_("decision served on"), null=True, blank=True)
    service_method = models.CharField(
        _("service method"), max_length=20, blank=True, choices=list(ServiceMethod.labels.items())
    )
    payment_due = models.DateField(_("payment due"), null=True, blank=True)
    # Computed in a year whose official schedule is not entered yet: recomputed when it is (ADR 0041).
    payment_due_provisional = models.BooleanField(_("payment date provisional"), default=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    late_fee = models.DecimalField(_("late fee"), max_digits=14, decimal_places=2, null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_summary = models.TextField(_("closure report summary"), blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")
        permissions = [("investigate_case", _("Investigate this enforcement case"))]
        indexes = [models.Index(fields=["status", "region"], name="enforcement_status_region_idx")]

    def __str__(self) -> str:
        return self.number

    # Transitions: the only place status changes; the services call them in a transaction.

    @transition(field=status, source=Status.VERIFYING, target=Status.FILING_DECISION)
    def propose_filing(self) -> None:
        pass

    @transition(field=status, source=Status.FILING_DECISION, target=Status.INVESTIGATING)
    def file(self) -> None:
        pass

    @transition(field=status, source=Status.FILING_DECISION, target=Status.NOT_FILED)
    def refuse_filing(self) -> None:
        pass

    @transition(field=status, source=Status.FILING_DECISION, target=Status.TRANSFERRED)
    def transfer(self) -> None:
        pass

    @transition(field=status, source=Status.INVESTIGATING, target=Status.SUSPENDED)
    def suspend(self) -> None:
        pass

    @transition(field=status, source=Status.SUSPENDED, target=Status.INVESTIGATING)
    def resume(self) -> None:
        pass

    @transition(field=status, source=[Status.INVESTIGATING, Status.SUSPENDED], target=Status.TERMINATED)
    def terminate(self) -> None:
        pass

    @transition(field=status, source=Status.INVESTIGATING, target=Status.REVIEW)
    def submit_report(self) -> None:
        pass

    @transition(field=status, source=[Status.REVIEW, Status.LEAD_APPROVAL], target=Status.INVESTIGATING)
    def send_back(self) -> None:
        pass

    @transition(field=status, source=Status.REVIEW, target=Status.LEAD_APPROVAL)
    def pass_review(self) -> None:
        pass

    @transition(field=status, source=Status.LEAD_APPROVAL, target=Status.NOTICE)
    def approve_notice(self) -> None:
        pass

    @transition(field=status, source=Status.LEAD_APPROVAL, target=Status.DECISION)
    def approve_without_notice(self) -> None:
        pass

    @transition(field=status, source=Status.NOTICE, target=Status.DEFENCE)
    def serve_notice(self) -> None:
        pass

    @transition(field=status, source=Status.DEFENCE, target=Status.HEARING)
    def request_hearing(self) -> None:
        pass

    @transition(field=status, source=[Status.DEFENCE, Status.HEARING], target=Status.RECHECK)
    def start_recheck(self) -> None:
        pass

    @transition(field=status, source=Status.RECHECK, target=Status.DECISION)
    def finish_recheck(self) -> None:
        pass

    @transition(field=status, source=Status.DECISION, target=Status.SERVICE)
    def decide_to_serve(self) -> None:
        pass

    @transition(field=status, source=Status.DECISION, target=Status.CLOSURE)
    def decide_to_close(self) -> None:
        pass

    @transition(field=status, source=Status.SERVICE, target=Status.EXECUTION)
    def serve_for_execution(self) -> None:
        pass

    @transition(field=status, source=Status.SERVICE, target=Status.CLOSURE)
    def serve_to_close(self) -> None:
        pass

    @transition(field=status, source=Status.EXECUTION, target=Status.CLOSURE)
    def execute(self) -> None:
        pass

    @transition(field=status, source=Status.CLOSURE, target=Status.CLOSED)
    def close(self) -> None:
        pass

    @transition(field=status, source=Status.CLOSED, target=Status.ARCHIVED)
    def archive(self) -> None:
        pass


class CaseOfficer(models.Model):
    """An officer assigned to investigate; the law requires at least two different ones."""

    case = models.ForeignKey(EnforcementCase, models.PROTECT, related_name="officers")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("case officer")
        verbose_name_plural = _("case officers")
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="one_assignment_per_officer")]

    def __str__(self) -> str:
        return f"{self.case} · {self.officer}"


class CaseEvidence(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("evidence sent with the clue")
        DOCUMENT = "document", _("documentary evidence")
        PHOTO = "photo", _("photo or video")
        STATEMENT = "statement", _("inquiry record")
        SAMPLE = "sample", _("sampling record")
        LAB_RESULT = "lab_result", _("laboratory result")
        RIGHT_HOLDER = "right_holder", _("right-holder identification")
        PRESERVATION = "preservation", _("evidence preservation or seizure")
        WAIVER = "waiver", _("the party's written waiver of its defence")

    case = models.ForeignKey(EnforcementCase, models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"))
    file = models.FileField(_("file"), upload_to=RandomUploadPath("enforcement"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(_("type"), max_length=10, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    # Evidence is gathered by two officers together (市场监管行政处罚程序规定 第十八条).
    second_officer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    collected_at = models.DateTimeField(_("collected at"), auto_now_add=True)

    class Meta:
        ordering = ["collected_at", "pk"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self) -> str:
        return self.original_name or self.get_kind_display()


class CaseExtension(models.Model):
    """An extension of the 90-day clock: the first by the lead, any further one by collective decision."""

    class Kind(models.TextChoices):
        LEAD = "lead", _("approved by the lead")
        COLLECTIVE = "collective", _("collective decision")

    case = models.ForeignKey(EnforcementCase, models.PROTECT, related_name="extensions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    days = models.PositiveIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    participants = models.TextField(_("participants of the collective decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("case extension")
        verbose_name_plural = _("case extensions")

    def __str__(self) -> str:
        return f"{self.case} +{self.days}"
