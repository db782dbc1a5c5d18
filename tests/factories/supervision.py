import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from cases.declarations.services import declaration_submit
from cases.models import CheckEvidence, Declaration
from cases.supervision.services import campaign_create
from organizations.models import Department, Region, Role

from .cases import PDF_BYTES, draft_declaration, longjing
from .organizations import make_member


def published_declarations(count: int) -> list[Declaration]:
    product = longjing()
    declarations = []
    for _ in range(count):
        producer, declaration = draft_declaration(product=product)
        declarations.append(declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True))
    return declarations


def provincial_campaign(inspector_count: int = 4, sample_size: int | None = 2, sample_percent: int | None = None):
    lead = make_member("AMR-330000", Role.LEAD)
    inspectors = [make_member("AMR-330000", Role.INSPECTOR) for _ in range(inspector_count)]
    today = timezone.localdate()
    campaign = campaign_create(
        actor=lead,
        title="2026年西湖龙井专用标志专项检查",
        organiser=Department.objects.get(code="AMR-330000"),
        regions=[Region.objects.get(code="330100")],
        products=[],
        period_start=today - datetime.timedelta(days=365),
        period_end=today,
        inspectors=inspectors,
        sample_size=sample_size,
        sample_percent=sample_percent,
    )
    return lead, inspectors, campaign


def draw_and_open(*, actor, campaign, seed: str):
    """Draw as the lead does, then let the worker open the checks (ADR 0021)."""
    from workflows.supervision.actions import draw_campaign, open_drawn_checks

    checks = draw_campaign(actor=actor, campaign=campaign, seed=seed)
    open_drawn_checks()
    for check in checks:
        check.refresh_from_db()
    return checks


def check_with_evidence(seed: str = "evidence", name: str = "现场照片.pdf"):
    """A drawn and opened check of one published declaration, with one PDF its first inspector uploaded:
    (lead, inspectors, check, evidence)."""
    published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed=seed)[0]
    evidence = CheckEvidence.objects.create(
        check_record=check,
        file=ContentFile(PDF_BYTES, name="photo.pdf"),
        original_name=name,
        file_type="PDF",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=inspectors[0],
    )
    return lead, inspectors, check, evidence
