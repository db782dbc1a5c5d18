"""Writes on product protection applications. Each: one transaction, row lock, permission check,
FSM transition, one audit event, notifications in the outbox."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from deadlines.calendar import WorkingCalendar
from deadlines.models import Deadline
from deadlines.rules import rule
from deadlines.selectors import deadlines_for
from deadlines.services import compute_due, deadline_meet, deadline_start
from organizations.models import Department, Enterprise, Region, Role
from organizations.selectors import bureau_of, enterprises_of, members_of

from ..announcements import AMENDMENT, APPROVAL, announcement_issue, opening_announcement_kind
from ..application_notices import tell_applicant, tell_staff
from ..models import (
    Application,
    ApplicationAttachment,
    ExpertOpinion,
    Objection,
    ProtectedProduct,
    Purpose,
    Regime,
    next_in_sequence,
)
from ..pinyin import pinyin_search_key
from ..uploads import checked_upload_fields

Status = Application.Status
MIN_EXPERTS = 3
CONTENT_FIELDS = (
    "regime",
    "product_name",
    "category",
    "quality_characteristics",
    "area_link",
    "production_specification",
    "reputation_history",
    "proposed_standard",
)


# Who may act --------------------------------------------------------------------------------


def ensure_acts_for_applicant(actor, application: Application) -> None:
    if not enterprises_of(actor).filter(pk=application.applicant_id).exists():
        raise PermissionDenied(_("You do not act for this applicant body."))


def ensure_role(actor, role_permission: str, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm(f"organizations.{role_permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def provincial_bureau(application: Application) -> Department:
    return bureau_of(application.province)


def national_department(code: str) -> Department:
    return Department.objects.get(code=code)


def lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _record(actor, application: Application, action: str, before: str, comment: str = "", **data) -> None:
    audit_record(
        actor=actor,
        action=f"application.{action}",
        target=application,
        from_state=before,
        to_state=application.status,
        comment=comment,
        data=data or None,
    )


def _require(text: str, field: str, message: str) -> None:
    if not (text or "").strip():
        raise ValidationError({field: message})


# The applicant's side -----------------------------------------------------------------------


def _validate_area(province: Region, area: list[Region]) -> None:
    if province.level != Region.Level.PROVINCE:
        raise ValidationError({"province": _("Choose a province.")})
    if not area:
        raise ValidationError({"proposed_area": _("Name at least one region of the proposed protected area.")})
    outside = [f"{region.name}（{region.code}）" for region in area if not province.contains(region)]
    if outside:
        raise ValidationError(
            {
                "proposed_area": _("%(regions)s lie outside %(province)s; apply through each province separately.")
                % {"regions": "、".join(outside), "province": province.name}
            }
        )


def _validate_name_is_free(name: str, exclude_pk: int | None = None, amends: ProtectedProduct | None = None) -> None:
    """A name may be protected once; an amendment may keep the name of the product it amends."""
    if ProtectedProduct.objects.filter(name=name).exclude(pk=amends.pk if amends else None).exists():
        raise ValidationError({"product_name": _("%(name)s is already a protected GI product.") % {"name": name}})
    pending = Application.objects.filter(product_name=name, status__in=Application.OPEN_STATES)
    if amends:
        pending = pending.exclude(amends=amends)
    if exclude_pk:
        pending = pending.exclude(pk=exclude_pk)
    if pending.exists():
        raise ValidationError({"product_name": _("An application for %(name)s is already under way.") % {"name": name}})


def _validate_purpose(purpose: str, amends: ProtectedProduct | None, province: Region) -> None:
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    if purpose == Purpose.PROTECTION:
        if amends is not None:
            raise ValidationError({"amends": _("A new product amends nothing.")})
        return
    if amends is None:
        raise ValidationError({"amends": _("Choose the protected product to amend.")})
    if amends.status != ProtectedProduct.Status.PROTECTED:
        raise ValidationError({"amends": _("%(product)s is no longer protected.") % {"product": amends.name}})
    if amends.province_id != province.pk:
        raise ValidationError(
            {
                "amends": _("%(product)s is protected in %(province)s.")
                % {"product": amends.name, "province": amends.province.name}
            }
        )
    if Application.objects.filter(amends=amends, status__in=Application.OPEN_STATES).exists():
        raise ValidationError(
            {"amends": _("An amendment of %(product)s is already under way.") % {"product": amends.name}}
        )


@transaction.atomic
def application_create_draft(
    *,
    actor,
    applicant: Enterprise,
    province: Region,
    proposed_area: list[Region],
    purpose: str = Purpose.PROTECTION,
    amends: ProtectedProduct | None = None,
    **content,
) -> Application:
    """A draft application: protection of a new product, or an amendment of a protected one."""
    if not enterprises_of(actor).filter(pk=applicant.pk).exists():
        raise PermissionDenied(_("You do not act for this applicant body."))
    if applicant.kind != Enterprise.Kind.APPLICANT_BODY:
        raise ValidationError(_("Only a body designated by the local government may apply for protection."))
    _validate_purpose(purpose, amends, province)
    _validate_area(province, proposed_area)
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    _validate_name_is_free(content.get("product_name", ""), amends=amends)
    application = Application(
        applicant=applicant, province=province, purpose=purpose, amends=amends, created_by=actor, **content
    )
    application.full_clean(exclude=["reference", "status", "proposed_area"])
    application.save()
    application.proposed_area.set(proposed_area)
    audit_record(actor=actor, action="application.create", target=application, to_state=application.status)
    return application


@transaction.atomic
def application_update(
    *, actor, application: Application, proposed_area: list[Region] | None = None, **content
) -> Application:
    """The applicant edits the content while the application is in its hands."""
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    if application.status not in Application.EDITABLE_STATES:
        raise ValidationError(_("The application can be changed only as a draft or when asked for a supplement."))
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    if application.status != Status.DRAFT and content.get("regime", application.regime) != application.regime:
        raise ValidationError({"regime": _("The procedure cannot change once the application is submitted.")})
    if proposed_area is not None:
        _validate_area(application.province, proposed_area)
    if "product_name" in content and content["product_name"] != application.product_name:
        _validate_name_is_free(content["product_name"], exclude_pk=application.pk)
    changed = sorted(field for field, value in content.items() if getattr(application, field) != value)
    for field, value in content.items():
        setattr(application, field, value)
    application.full_clean(exclude=["reference", "status", "proposed_area"])
    application.save()
    if proposed_area is not None:
        application.proposed_area.set(proposed_area)
        changed.append("proposed_area")
    audit_record(actor=actor, action="application.update", target=application, data={"fields": changed})
    return application


@transaction.atomic
def application_attach(*, actor, application: Application, kind: str, uploaded_file) -> ApplicationAttachment:
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    if application.status not in Application.EDITABLE_STATES:
        raise ValidationError(_("Files can be added only to a draft or when asked for a supplement."))
    if kind not in ApplicationAttachment.Kind.values:
        raise ValidationError(_("Unknown kind of attachment."))
    attachment = ApplicationAttachment.objects.create(
        application=application, kind=kind, uploaded_by=actor, **checked_upload_fields(uploaded_file)
    )
    audit_record(
        actor=actor,
        action="application.attach",
        target=application,
        data={"kind": kind, "file": attachment.original_name, "sha256": attachment.sha256},
    )
    return attachment


# A draft's map and government letter are one document each: a new one replaces the old. Further
# evidence is added to what is there.
REPLACED_KINDS = (ApplicationAttachment.Kind.AREA_MAP, ApplicationAttachment.Kind.GOVERNMENT_LETTER)


def ensure_draft(application: Application) -> None:
    if application.status != Status.DRAFT:
        raise ValidationError(
            _("Application %(reference)s has been submitted; it can no longer be edited.")
            % {"reference": application.reference or application.product_name}
        )


@transaction.atomic
def application_edit_draft(
    *,
    actor,
    application: Application,
    province: Region,
    proposed_area: list[Region],
    purpose: str = Purpose.PROTECTION,
    amends: ProtectedProduct | None = None,
    files: dict | None = None,
    **content,
) -> Application:
    """The applicant reopens a draft and changes any of it, documents included, until it is
    submitted; afterwards it is refused and nothing changes."""
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    ensure_draft(application)
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    _validate_purpose(purpose, amends, province)
    _validate_area(province, proposed_area)
    if (
        content.get("product_name", application.product_name) != application.product_name
        or amends != application.amends
    ):
        _validate_name_is_free(content.get("product_name", application.product_name), application.pk, amends)
    fields = {"province": province, "purpose": purpose, "amends": amends, **content}
    changed = sorted(name for name, value in fields.items() if getattr(application, name) != value)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["reference", "status", "proposed_area"])
    application.save()
    if set(application.proposed_area.all()) != set(proposed_area):
        application.proposed_area.set(proposed_area)
        changed.append("proposed_area")
    if set(files or {}) - set(ApplicationAttachment.Kind.values):
        raise ValidationError(_("Unknown kind of attachment."))
    # Every file is checked before any is stored: a refused one leaves no stored file behind.
    checked = {kind: checked_upload_fields(uploaded) for kind, uploaded in (files or {}).items()}
    replaced, added = [], []
    for kind, upload_fields in checked.items():
        if kind in REPLACED_KINDS:
            for old in application.attachments.filter(kind=kind):
                replaced.append(old.original_name)
                transaction.on_commit(lambda file=old.file: file.delete(save=False))
                old.delete()
        attachment = ApplicationAttachment.objects.create(
            application=application, kind=kind, uploaded_by=actor, **upload_fields
        )
        added.append({"kind": kind, "file": attachment.original_name, "sha256": attachment.sha256})
    audit_record(
        actor=actor,
        action="application.edit_draft",
        target=application,
        data={"fields": changed, "files_added": added, "files_replaced": replaced},
    )
    return application


def _next_reference(application: Application) -> str:
    """DB-<province>-<year>-<serial>: serial per province and year."""
    scope = f"DB-{application.province.code}-{timezone.localdate().year}"
    return f"{scope}-{next_in_sequence(scope):04d}"


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    present = set(application.attachments.values_list("kind", flat=True))
    missing = [kind for kind in ApplicationAttachment.REQUIRED_KINDS if kind not in present]
    if missing:
        labels = "、".join(str(ApplicationAttachment.Kind(kind).label) for kind in missing)
        raise ValidationError(_("Attach these documents before submitting: %(missing)s.") % {"missing": labels})
    before = application.status
    application.submit()
    application.reference = _next_reference(application)
    application.submitted_at = timezone.now()
    application.save()
    _record(actor, application, "submit", before, reference=application.reference)
    tell_applicant(application, "submitted")
    return application


@transaction.atomic
def application_resubmit(*, actor, application: Application, comment: str) -> Application:
    """The supplement, or the answer to a defect notice, goes back to the provincial bureau."""
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    _require(comment, "comment", _("Say what you supplemented or corrected."))
    before = application.status
    application.resubmit()
    application.pending_request = ""
    application.save()
    for clock in deadlines_for(application).filter(rule_code=SUPPLEMENT_RULE, state=Deadline.State.RUNNING):
        deadline_meet(actor=actor, deadline=clock)
    _record(actor, application, "resubmit", before, comment, round=application.supplement_rounds)
    tell_applicant(application, "resubmitted")
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str = "") -> Application:
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    before = application.status
    application.withdraw()
    application.closed_at = timezone.now()
    application.closing_reason = reason
    application.save()
    _record(actor, application, "withdraw", before, reason)
    tell_applicant(application, "withdrawn", reason=reason)
    return application


# Examinations ---------------------------------------------------------------------------------


SUPPLEMENT_RULE = "application.supplement"


def _ask_applicant(application: Application, request: str) -> None:
    """The case goes back to the applicant (supplement, defect notice, sustained objection): a new
    round, what is asked, and the applicant's clock; the provincial bureau hears if it runs out."""
    application.supplement_rounds += 1
    application.pending_request = request
    deadline_start(actor=None, rule_code=SUPPLEMENT_RULE, target=application, department=provincial_bureau(application))


class Outcome:
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    DEFECT = "defect"
    REJECT = "reject"


def _propose_rejection(actor, application: Application, department: Department, reason: str) -> None:
    _require(reason, "comment", _("Give the reasons for the rejection; the applicant is told them."))
    application.rejection_stage = application.status
    application.rejection_department = department
    application.propose_rejection()
    tell_staff(members_of(department.pk, Role.LEAD), application, "rejection_proposed")


@transaction.atomic
def application_examine_preliminary(*, actor, application: Application, outcome: str, comment: str = "") -> Application:
    """The provincial bureau: forward to the national examination, ask for a supplement, or propose rejection."""
    application = lock(application)
    bureau = provincial_bureau(application)
    ensure_role(actor, "work_as_staff", bureau)
    before = application.status
    if outcome == Outcome.ACCEPT:
        application.forward_to_formal_examination()
    elif outcome == Outcome.SUPPLEMENT:
        _require(comment, "comment", _("Say what the applicant must supplement."))
        application.request_supplement()
        _ask_applicant(application, comment)
    elif outcome == Outcome.REJECT:
        _propose_rejection(actor, application, bureau, comment)
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    _record(actor, application, f"preliminary.{outcome}", before, comment, round=application.supplement_rounds)
    if outcome == Outcome.ACCEPT:
        tell_applicant(application, "forwarded")
    elif outcome == Outcome.SUPPLEMENT:
        tell_applicant(application, "supplement_requested", reason=comment)
    return application


@transaction.atomic
def application_examine_formal(*, actor, application: Application, outcome: str, comment: str = "") -> Application:
    """科技司: accept, send a defect notice back through the province, or propose rejection."""
    application = lock(application)
    kjs = national_department("KJS")
    ensure_role(actor, "work_as_staff", kjs)
    before = application.status
    if outcome == Outcome.ACCEPT:
        if application.purpose == Purpose.MINOR_AMENDMENT:
            application.accept_minor_amendment()
        elif application.regime == Regime.CNIPA_2023:
            application.accept_for_review()
        else:
            application.accept_for_announcement()
    elif outcome == Outcome.DEFECT:
        _require(comment, "comment", _("Write the defects the applicant must correct."))
        application.issue_defect_notice()
        _ask_applicant(application, comment)
    elif outcome == Outcome.REJECT:
        _propose_rejection(actor, application, kjs, comment)
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    _record(actor, application, f"formal.{outcome}", before, comment, round=application.supplement_rounds)
    if outcome == Outcome.ACCEPT:
        tell_applicant(application, "accepted")
    elif outcome == Outcome.DEFECT:
        tell_applicant(application, "defect_notice", reason=comment)
        tell_staff(members_of(provincial_bureau(application).pk, Role.STAFF), application, "defect_notice")
    return application


@transaction.atomic
def application_decide_rejection(*, actor, application: Application, approve: bool, comment: str) -> Application:
    """The lead of the body that proposed the rejection confirms it or sends the case back."""
    application = lock(application)
    if application.rejection_department_id is None:
        raise ValidationError(_("No rejection is proposed."))
    ensure_role(actor, "work_as_lead", application.rejection_department)
    _require(comment, "comment", _("Give the reasons of your decision."))
    before = application.status
    if approve:
        application.reject()
        application.closed_at = timezone.now()
        application.closing_reason = comment
    else:
        application.refuse_rejection()
        application.rejection_department = None
        application.rejection_stage = ""
    application.save()
    _record(actor, application, "rejection." + ("approve" if approve else "refuse"), before, comment)
    if approve:
        tell_applicant(application, "rejected", reason=comment)
    return application


# Announcements and the objection window -------------------------------------------------------


def objection_window_closes(opens_on: datetime.date) -> datetime.date:
    """The last day on which an objection is accepted: 2 calendar months, start day not counted."""
    legal_rule = rule("application.objection_window")
    return compute_due(legal_rule.kind, opens_on, legal_rule.amount, WorkingCalendar()).date


@transaction.atomic
def application_decide_announcement(*, actor, application: Application, approve: bool, comment: str = ""):
    """科技司's lead approves the announcement that opens the objection window, or returns it."""
    application = lock(application)
    ensure_role(actor, "work_as_lead", national_department("KJS"))
    before = application.status
    document = None
    if approve:
        application.open_objection_window()
        application.objection_window_opens = timezone.localdate()
        application.objection_window_closes = objection_window_closes(application.objection_window_opens)
    else:
        _require(comment, "comment", _("Say why the announcement is returned."))
        application.return_announcement()
    application.save()
    if approve:
        document = announcement_issue(actor=actor, application=application, kind=opening_announcement_kind(application))
    _record(
        actor,
        application,
        "announcement." + ("approve" if approve else "return"),
        before,
        comment,
        announcement=document.number if document else "",
        closes=str(application.objection_window_closes or ""),
    )
    if approve:
        tell_applicant(application, "announced", closes_on=application.objection_window_closes)
    return application


def _proceed_after_objections(application: Application) -> None:
    if application.regime == Regime.AQSIQ_2005:
        application.proceed_to_review()
    else:
        application.proceed_to_approval()


@transaction.atomic
def application_close_objection_window(*, actor=None, application: Application) -> Application:
    """Fired by the flow's timer the day after the window closed."""
    application = lock(application)
    before = application.status
    # Any objection not already found inadmissible (received ones included) needs handling.
    if application.objections.exclude(status=Objection.Status.INADMISSIBLE).exists():
        application.close_window_with_objections()
        tell_staff(members_of(national_department("FGS").pk, Role.STAFF), application, "objections_to_handle")
    else:
        _proceed_after_objections(application)
    application.save()
    _record(actor, application, "objection_window.close", before, objections=application.objections.count())
    return application


class ObjectionOutcome:
    PROCEED = "proceed"
    RETURN = "return"
    REJECT = "reject"


@transaction.atomic
def application_conclude_objections(*, actor, application: Application, outcome: str, comment: str) -> Application:
    """法规司 closes the handling once every objection is decided."""
    application = lock(application)
    ensure_role(actor, "work_as_staff", national_department("FGS"))
    undecided = [o.reference for o in application.objections.all() if not o.is_decided]
    if undecided:
        raise ValidationError(
            _("Decide these objections first: %(objections)s.") % {"objections": "、".join(undecided)}
        )
    sustained = application.objections.filter(status=Objection.Status.SUSTAINED).exists()
    if sustained and outcome == ObjectionOutcome.PROCEED:
        raise ValidationError(_("An objection was sustained: return the application or reject it."))
    if not sustained and outcome != ObjectionOutcome.PROCEED:
        raise ValidationError(_("No objection was sustained: the application proceeds."))
    _require(comment, "comment", _("Summarise the handling of the objections."))
    before = application.status
    if outcome == ObjectionOutcome.PROCEED:
        _proceed_after_objections(application)
    elif outcome == ObjectionOutcome.RETURN:
        application.return_after_objection()
        _ask_applicant(application, comment)
    elif outcome == ObjectionOutcome.REJECT:
        application.reject()
        application.closed_at = timezone.now()
        application.closing_reason = comment
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    _record(actor, application, f"objections.{outcome}", before, comment)
    event = {"proceed": "objections_rejected", "return": "supplement_requested", "reject": "rejected"}[outcome]
    tell_applicant(application, event, reason=comment)
    return application


# Technical review -----------------------------------------------------------------------------


def current_round(application: Application) -> int:
    return application.expert_opinions.order_by("-review_round").values_list("review_round", flat=True).first() or 0


def eligible_experts():
    return (
        get_user_model()
        .objects.filter(
            memberships__department__code="EXPERTS",
            memberships__role=Role.EXPERT,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


@transaction.atomic
def application_convene_review(*, actor, application: Application, experts: list, chair) -> Application:
    """科技司 convenes at least three experts of the committee and names the chair."""
    application = lock(application)
    ensure_role(actor, "work_as_staff", national_department("KJS"))
    if application.status != Status.TECHNICAL_REVIEW:
        raise ValidationError(_("The application is not in technical review."))
    experts = list(dict.fromkeys(experts))
    if len(experts) < MIN_EXPERTS:
        raise ValidationError({"experts": _("Convene at least %(count)d experts.") % {"count": MIN_EXPERTS}})
    eligible = set(eligible_experts().values_list("pk", flat=True))
    strangers = [str(expert) for expert in experts if expert.pk not in eligible]
    if strangers:
        raise ValidationError(
            {"experts": _("Not on the expert committee: %(names)s.") % {"names": "、".join(strangers)}}
        )
    if chair not in experts:
        raise ValidationError({"chair": _("The chair must be one of the convened experts.")})
    review_round = current_round(application) + 1
    ExpertOpinion.objects.bulk_create(
        ExpertOpinion(application=application, expert=expert, review_round=review_round) for expert in experts
    )
    application.review_chair = chair
    application.save(update_fields=["review_chair"])
    audit_record(
        actor=actor,
        action="application.review.convene",
        target=application,
        data={"round": review_round, "experts": [expert.pk for expert in experts], "chair": chair.pk},
    )
    tell_staff(experts, application, "review_convened")
    return application


@transaction.atomic
def expert_opinion_submit(*, actor, opinion: ExpertOpinion, text: str, vote: str) -> ExpertOpinion:
    opinion = ExpertOpinion.objects.select_for_update().select_related("application").get(pk=opinion.pk)
    if opinion.expert_id != actor.pk:
        raise PermissionDenied(_("Only the expert convened may give this opinion."))
    if opinion.application.status != Status.TECHNICAL_REVIEW or opinion.review_round != current_round(
        opinion.application
    ):
        raise ValidationError(_("This review is closed."))
    if opinion.is_submitted:
        raise ValidationError(_("You already gave your opinion in this review."))
    _require(text, "opinion", _("Write your opinion."))
    if vote not in ExpertOpinion.Vote.values:
        raise ValidationError({"vote": _("Choose your vote.")})
    opinion.opinion, opinion.vote, opinion.submitted_at = text, vote, timezone.now()
    opinion.save()
    audit_record(
        actor=actor,
        action="application.review.opinion",
        target=opinion.application,
        data={"round": opinion.review_round, "vote": vote},
    )
    return opinion


class ReviewOutcome:
    MEETS_CONDITIONS = "pass"
    REJECT = "reject"


@transaction.atomic
def application_conclude_review(*, actor, application: Application, outcome: str, conclusion: str) -> Application:
    """The chair records the meeting's conclusion once every convened expert has voted."""
    application = lock(application)
    if application.review_chair_id != actor.pk:
        raise PermissionDenied(_("Only the chair of the review records its conclusion."))
    opinions = application.expert_opinions.filter(review_round=current_round(application))
    waiting = [str(opinion.expert) for opinion in opinions if not opinion.is_submitted]
    if not opinions or waiting:
        raise ValidationError(_("Waiting for the opinions of: %(names)s.") % {"names": "、".join(waiting) or "—"})
    _require(conclusion, "conclusion", _("Record the meeting's conclusion."))
    votes = {vote: opinions.filter(vote=vote).count() for vote in ExpertOpinion.Vote.values}
    before = application.status
    application.review_conclusion = conclusion
    if outcome == ReviewOutcome.MEETS_CONDITIONS:
        if application.regime == Regime.AQSIQ_2005:
            application.pass_review_for_approval()
        else:
            application.pass_review_for_recognition()
    elif outcome == ReviewOutcome.REJECT:
        _propose_rejection(actor, application, national_department("KJS"), conclusion)
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    _record(actor, application, f"review.{outcome}", before, conclusion, votes=votes)
    return application


# Approval and the register ----------------------------------------------------------------------


@transaction.atomic
def application_decide_approval(*, actor, application: Application, approve: bool, comment: str = ""):
    """科技司's lead approves protection: the approval announcement, then the product enters the register."""
    application = lock(application)
    ensure_role(actor, "work_as_lead", national_department("KJS"))
    before = application.status
    if not approve:
        _require(comment, "comment", _("Say why the approval is returned."))
        application.return_approval()
        application.save()
        _record(actor, application, "approval.return", before, comment)
        return application
    application.approve()
    application.closed_at = timezone.now()
    application.save()
    if application.purpose == Purpose.PROTECTION:
        document = announcement_issue(actor=actor, application=application, kind=APPROVAL)
        product = ProtectedProduct(
            announcement_number=document.number,
            announcement_year=document.year,
            # Protected from the approval announcement's date, the day it was issued.
            protected_since=timezone.localdate(document.created_at),
            authority=ProtectedProduct.Authority.CNIPA,
        )
        action = "product.protect"
    else:
        document = announcement_issue(actor=actor, application=application, kind=AMENDMENT)
        product = ProtectedProduct.objects.select_for_update().get(pk=application.amends_id)
        action = "product.amend"
    _write_register_entry(product, application)
    if application.purpose == Purpose.PROTECTION:
        application.product = product
        application.save(update_fields=["product"])
    _record(actor, application, "approval.approve", before, comment, announcement=document.number)
    audit_record(
        actor=actor,
        action=action,
        target=product,
        to_state=product.status,
        data={"application": application.reference, "announcement": document.number},
    )
    tell_applicant(application, "protected" if application.purpose == Purpose.PROTECTION else "amended")
    return application


def _write_register_entry(product: ProtectedProduct, application: Application) -> None:
    """What the register shows comes from the approved application: new, or amended in place."""
    product.name = application.product_name
    product.name_pinyin = pinyin_search_key(application.product_name)
    product.category = application.category
    product.province = application.province
    product.standard = application.proposed_standard
    product.quality_summary = application.quality_characteristics[:2000]
    product.save()
    product.protected_area.set(application.proposed_area.all())
