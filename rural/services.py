"""Writes of rural revitalisation: one service per change, each in a transaction with one audit
event (and the project's notifications); the flow's nodes and the pages call them through
actions.py."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import Change, audit_record, audit_record_many
from cases.models import ProtectedProduct
from cases.models.sequences import next_in_sequence
from cases.uploads import checked_upload_fields
from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from deadlines.services import deadline_meet, deadline_start
from organizations.models import Department, Region, Role
from organizations.selectors import members_of

from .audit_actions import RuralAction
from .models import AidDesignation, EffectReport, Material, Measure, Project
from .notices import tell
from .selectors import jcs

IMPLEMENTATION_RULE = "rural.implementation"


def _ensure(actor: User, permission: str, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def _ensure_within(bureau: Department, regions) -> None:
    area = bureau.region
    outside = [region.name for region in regions if area is None or not region.code.startswith(area.prefix)]
    if outside:
        raise ValidationError(
            _("%(regions)s lie outside the region of %(bureau)s.")
            % {"regions": "、".join(outside), "bureau": bureau.display_name}
        )


def provincial_bureau(project: Project) -> Department:
    return Department.objects.get(kind=Department.Kind.PROVINCIAL_BUREAU, region=project.province)


def _attach(actor: User, files, **owner) -> list[Material]:
    return [Material.objects.create(uploaded_by=actor, **checked_upload_fields(file), **owner) for file in files]


# ---------------------------------------------------------------------------- aid regions


@transaction.atomic
def designation_save(*, actor: Actor, designation: AidDesignation) -> AidDesignation:
    """An administrator adds or corrects a designation (the admin site's save)."""
    designation.full_clean()
    designation.save()
    audit_record(
        actor=actor,
        action=RuralAction.DESIGNATION_SAVE,
        target=designation,
        data={
            "region": designation.region.code,
            "kind": designation.kind,
            "valid_from": designation.valid_from,
            "valid_until": designation.valid_until,
        },
    )
    return designation


@transaction.atomic
def designations_load(*, actor: Actor, designations: list[AidDesignation]) -> list[AidDesignation]:
    """Every row of a checked file, or none: the loader checked them; this saves them together."""
    for designation in designations:
        designation.full_clean()
        designation.save()
    audit_record_many(
        [
            Change(
                actor=actor,
                action=RuralAction.DESIGNATION_LOAD,
                target=designation,
                data={"region": designation.region.code, "kind": designation.kind, "source": designation.source},
            )
            for designation in designations
        ]
    )
    return designations


# ---------------------------------------------------------------------------- measures and effects


@transaction.atomic
def measure_record(
    *,
    actor: User,
    bureau: Department,
    kind: str,
    title: str,
    held_on: datetime.date,
    regions: list[Region],
    products: list[ProtectedProduct],
    participants: int,
    description: str = "",
    files=(),
) -> Measure:
    _ensure(actor, "work_as_staff", bureau)
    if not regions:
        raise ValidationError({"regions": _("Choose at least one region.")})
    _ensure_within(bureau, regions)
    measure = Measure(
        kind=kind,
        title=title,
        held_on=held_on,
        organiser=bureau,
        participants=participants,
        description=description,
        created_by=actor,
    )
    measure.full_clean()
    measure.save()
    measure.regions.set(regions)
    measure.products.set(products)
    materials = _attach(actor, files, measure=measure)
    audit_record(
        actor=actor,
        action=RuralAction.MEASURE_RECORD,
        target=measure,
        data={"kind": kind, "regions": [r.code for r in regions], "files": [m.original_name for m in materials]},
    )
    return measure


@transaction.atomic
def effect_record(*, actor: User, bureau: Department, region: Region, **figures) -> EffectReport:
    """A region's effects over a period; periods of a region may not overlap (the form adds them)."""
    _ensure(actor, "work_as_staff", bureau)
    _ensure_within(bureau, [region])
    report = EffectReport(region=region, reporter=bureau, created_by=actor, **figures)
    report.full_clean()
    if report.period_end < report.period_start:
        raise ValidationError({"period_end": _("The end lies before the start.")})
    overlapping = EffectReport.objects.select_for_update().filter(
        region=region, period_start__lte=report.period_end, period_end__gte=report.period_start
    )
    if overlapping.exists():
        raise ValidationError(
            _("%(region)s already has effects reported for part of this period: %(period)s.")
            % {"region": region.name, "period": "、".join(str(other) for other in overlapping)}
        )
    report.save()
    audit_record(
        actor=actor,
        action=RuralAction.EFFECT_RECORD,
        target=report,
        data={"region": region.code, "from": report.period_start, "to": report.period_end},
    )
    return report


# ---------------------------------------------------------------------------- projects


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().select_related("region", "province", "applicant").get(pk=project.pk)


def _audit(actor, action, project: Project, before: str, comment: str = "", data: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=project,
        from_state=before,
        to_state=project.status,
        comment=comment,
        data=data,
    )


def _need_comment(comment: str) -> None:
    if not comment.strip():
        raise ValidationError({"comment": _("Give the reason.")})


@transaction.atomic
def project_apply(
    *,
    actor: User,
    bureau: Department,
    title: str,
    region: Region,
    products: list[ProtectedProduct],
    summary: str,
    budget=None,
    files=(),
) -> Project:
    """A local bureau applies; the province's leads are asked to recommend it."""
    _ensure(actor, "work_as_staff", bureau)
    _ensure_within(bureau, [region])
    year = timezone.localdate().year
    province = Region.objects.get(code=region.code[:2] + "0000")
    number = next_in_sequence(f"XCZX-{year}")
    project = Project(
        reference=f"XCZX-{year}-{number:04d}",
        title=title,
        region=region,
        province=province,
        applicant=bureau,
        summary=summary,
        budget=budget,
        created_by=actor,
    )
    project.full_clean(exclude=["status"])  # protected: only its transitions set it
    project.save()
    project.products.set(products)
    materials = _attach(actor, files, project=project)
    _audit(actor, RuralAction.APPLY, project, "", data={"files": [m.original_name for m in materials]})
    tell(members_of(provincial_bureau(project).pk, Role.LEAD), project, "awaiting_recommendation")
    return project


@transaction.atomic
def project_recommend(*, actor: User, project: Project, recommend: bool, comment: str = "") -> Project:
    """The provincial lead recommends the project to 计财司, or declines it."""
    project = _locked(project)
    _ensure(actor, "work_as_lead", provincial_bureau(project))
    if not recommend:
        _need_comment(comment)
    before = project.status
    project.recommend() if recommend else project.decline()
    project.recommendation = comment
    project.save()
    _audit(actor, RuralAction.RECOMMEND if recommend else RuralAction.DECLINE, project, before, comment)
    if recommend:
        tell(members_of(jcs().pk, Role.STAFF), project, "awaiting_evaluation", comment)
    else:
        tell(members_of(project.applicant_id, Role.STAFF), project, "not_selected", comment)
    return project


@transaction.atomic
def project_evaluate(*, actor: User, project: Project, approve: bool, comment: str) -> Project:
    """计财司's staff evaluate the recommended project: it goes to their lead for publication, or
    is not selected."""
    project = _locked(project)
    _ensure(actor, "work_as_staff", jcs())
    _need_comment(comment)
    before = project.status
    project.pass_evaluation() if approve else project.decline()
    project.evaluation = comment
    project.save()
    _audit(actor, RuralAction.EVALUATE if approve else RuralAction.DECLINE, project, before, comment)
    if approve:
        tell(members_of(jcs().pk, Role.LEAD), project, "awaiting_publication", comment)
    else:
        tell(members_of(project.applicant_id, Role.STAFF), project, "not_selected", comment)
    return project


@transaction.atomic
def project_publish(*, actor: User, project: Project, publish: bool, comment: str = "") -> Project:
    """计财司's lead publishes the evaluated project (the two years of implementation start) or
    sends the evaluation back to the staff."""
    project = _locked(project)
    _ensure(actor, "work_as_lead", jcs())
    if not publish:
        _need_comment(comment)
    before = project.status
    if publish:
        project.publish()
        project.published_on = timezone.localdate()
    else:
        project.evaluate_again()
    project.save()
    _audit(actor, RuralAction.PUBLISH if publish else RuralAction.EVALUATE_AGAIN, project, before, comment)
    if publish:
        # The applying bureau's staff are reminded before the two years end; its lead when they have.
        deadline_start(
            actor=actor,
            rule_code=IMPLEMENTATION_RULE,
            target=project,
            department=project.applicant,
            queue_role=Role.STAFF,
            start=project.published_on,
        )
        tell(members_of(project.applicant_id, Role.STAFF), project, "published", comment)
    else:
        tell(members_of(jcs().pk, Role.STAFF), project, "awaiting_evaluation", comment)
    return project


@transaction.atomic
def project_report_final(*, actor: User, project: Project, report: str, files=()) -> Project:
    """The applying bureau closes the implementation with its final report; the clock stops."""
    project = _locked(project)
    _ensure(actor, "work_as_staff", project.applicant)
    if not report.strip():
        raise ValidationError({"report": _("Write the final report.")})
    before = project.status
    project.submit_final_report()
    project.final_report = report
    project.save()
    materials = _attach(actor, files, project=project)
    for deadline in deadlines_for(project).filter(
        rule_code=IMPLEMENTATION_RULE, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE]
    ):
        deadline_meet(actor=actor, deadline=deadline)
    _audit(actor, RuralAction.FINAL_REPORT, project, before, data={"files": [m.original_name for m in materials]})
    tell(members_of(jcs().pk, Role.STAFF), project, "final_report")
    return project


@transaction.atomic
def project_review_final(*, actor: User, project: Project, accept: bool, comment: str = "") -> Project:
    """计财司 accepts the final report (the project is completed) or returns it for completion."""
    project = _locked(project)
    _ensure(actor, "work_as_staff", jcs())
    if not accept:
        _need_comment(comment)
    before = project.status
    if accept:
        project.complete()
        project.closed_at = timezone.now()
    else:
        project.return_final_report()
    project.save()
    _audit(actor, RuralAction.COMPLETE if accept else RuralAction.RETURN_REPORT, project, before, comment)
    recipients = [*members_of(project.applicant_id, Role.STAFF), *members_of(provincial_bureau(project).pk, Role.LEAD)]
    tell(recipients, project, "completed" if accept else "report_returned", comment)
    return project
