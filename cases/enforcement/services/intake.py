"""Intake: a clue is received (from staff, the public or a supervision referral) and opened for verification."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.types import Actor
from audit.services import audit_record
from organizations.models import Department

from ...common.tracking import REPORT_PREFIX, new_tracking_number
from ...models import CaseEvidence, EnforcementCase, SupervisionCheck, ViolationType, next_in_sequence
from ..choices import EnforcementAction
from ..notices import tell_case_staff
from .common import _bureau_inspectors, _checked, _ensure_bureau_staff, _store_evidence, _today


def _case_number(bureau: Department) -> str:
    """地标执法〔2026〕330100-0012号: gap-free per bureau and year."""
    year = _today().year
    region_code = bureau.region.code if bureau.region is not None else bureau.code
    serial = next_in_sequence(f"EC-{bureau.code}-{year}")
    return f"地标执法〔{year}〕{region_code}-{serial:04d}号"


@transaction.atomic
def case_receive(
    *,
    actor: Actor,
    source: str,
    violation_type: str,
    bureau: Department,
    summary: str,
    products=(),
    enterprises=(),
    party_description: str = "",
    source_authority: str = "",
    complainant_name: str = "",
    complainant_contact: str = "",
    evidence=(),
    supervision_check: SupervisionCheck | None = None,
) -> EnforcementCase:
    """A clue arrives (inspection, referral, complaint, transfer, assignment) and is opened for verification.

    Files are checked before anything is stored: a refused upload creates nothing.
    """
    if actor is not None and source != EnforcementCase.Source.SUPERVISION:
        _ensure_bureau_staff(actor, bureau)
    errors = {}
    if source not in EnforcementCase.Source.values:
        errors["source"] = _("Unknown source.")
    if violation_type not in ViolationType.values:
        errors["violation_type"] = _("Choose a violation type.")
    if not (summary or "").strip():
        errors["summary"] = _("Describe what was found or reported.")
    if source in (EnforcementCase.Source.TRANSFER, EnforcementCase.Source.ASSIGNED) and not source_authority.strip():
        errors["source_authority"] = _("Name the authority that transferred or assigned the case.")
    if bureau.region_id is None:
        errors["bureau"] = _("Cases are handled by a regional bureau.")
    if not (enterprises or party_description.strip()):
        errors["party_description"] = _("Name the enterprise or describe the party concerned.")
    if errors:
        raise ValidationError(errors)
    checked = [_checked(uploaded) for uploaded in evidence]
    case = EnforcementCase.objects.create(
        number=_case_number(bureau),
        source=source,
        violation_type=violation_type,
        bureau=bureau,
        region=bureau.region,
        summary=summary.strip(),
        party_description=party_description.strip(),
        source_authority=source_authority.strip(),
        complainant_name=complainant_name.strip(),
        complainant_contact=complainant_contact.strip(),
        # The public looks its report up by this number (ADR 0034); 49 random bits: no retry loop.
        tracking_number=new_tracking_number(REPORT_PREFIX) if source == EnforcementCase.Source.COMPLAINT else None,
        supervision_check=supervision_check,
        created_by=actor,
    )
    case.products.set(products)
    case.enterprises.set(enterprises)
    stored = [
        _store_evidence(case=case, kind=CaseEvidence.Kind.COMPLAINT, description=uploaded.name, checked=fields)
        for uploaded, fields in zip(evidence, checked, strict=True)
    ]
    audit_record(
        actor=actor,
        action=EnforcementAction.RECEIVE,
        target=case,
        to_state=case.status,
        comment=case.summary,
        data={"source": source, "files": [e.sha256 for e in stored]},
    )
    tell_case_staff(_bureau_inspectors(case), case, "clue_received")
    return case


@transaction.atomic
def case_from_supervision_referral(*, actor: Actor, check: SupervisionCheck) -> tuple[EnforcementCase, bool]:
    """A supervision check referred to enforcement becomes a clue with its evidence; once only.

    Returns (case, created). The bureau of the production region has jurisdiction.
    """
    check = SupervisionCheck.objects.select_for_update().select_related("declaration").get(pk=check.pk)
    if not check.refer_to_enforcement:
        raise ValidationError(_("This supervision check was not referred to enforcement."))
    existing = EnforcementCase.objects.filter(supervision_check=check).first()
    if existing is not None:
        return existing, False
    declaration = check.declaration
    case = case_receive(
        actor=actor,
        source=EnforcementCase.Source.SUPERVISION,
        violation_type=_violation_from_check(check),
        bureau=Department.objects.get(region=declaration.production_region),
        summary=f"{check.referral_reason}\n\n{check.findings}".strip(),
        products=[declaration.product],
        enterprises=[declaration.enterprise],
        party_description=declaration.production_address,
        source_authority=check.campaign.organiser.name,
        supervision_check=check,
    )
    for item in check.evidence.all():
        # The same stored file: evidence is never copied, so its hash stays the proof.
        CaseEvidence.objects.create(
            case=case,
            kind=CaseEvidence.Kind.COMPLAINT,
            description=_("From supervision check %(campaign)s") % {"campaign": check.campaign.reference},
            file=item.file.name,
            original_name=item.original_name,
            file_type=item.file_type,
            size=item.size,
            sha256=item.sha256,
            collected_by=item.uploaded_by,
        )
    return case, True


def _violation_from_check(check: SupervisionCheck) -> str:
    if check.label_check == SupervisionCheck.Result.FAIL:
        return ViolationType.IRREGULAR_USE
    if check.sample_test == SupervisionCheck.Result.FAIL:
        return ViolationType.BELOW_STANDARD
    return ViolationType.IRREGULAR_USE
