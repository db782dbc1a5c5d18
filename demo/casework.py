"""Demo casework, so every persona finds something to do: created once, through the same
services and flows as real work (never by writing rows directly)."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cases.models import Application, Declaration, EnforcementCase, ProtectedProduct, Regime
from organizations.models import Department, Enterprise, Region
from reports.models import Period, StatisticsReport, period_due
from reports.services import reports_open_period
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.declarations import actions as declaration_actions
from workflows.enforcement.actions import open_case
from workflows.task_actions import task_assign, task_decide

from .agreement import seed_agreement
from .marks import seed_marks
from .promotion import seed_promotion
from .rural import seed_rural
from .zones import seed_zones

# A one-page PDF and a 1×1 PNG: real files of their types, small enough to ship in code.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
DEMO_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc0f01f0005000201a2fd2d4d0000000049454e44ae426082"
)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _png(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PNG, content_type="image/png")


def _complete(flow_class, artifact, node, user, decide) -> None:
    """Do one human task as `user` would through its page: take it, then decide(activation)."""
    task = (
        flow_class.task_class.objects.filter(
            process__flow_class=flow_class, process__artifact_object_id=artifact.pk, flow_task=node
        )
        .exclude(status__in=["DONE", "CANCELED"])
        .get()
    )
    task_assign(actor=user, task=task)
    task_decide(actor=user, task=task, decide=decide)


def _application(applicant, user, name: str, regime: str, area_code: str) -> Application:
    data = {
        "applicant": applicant,
        "province": Region.objects.get(code="330000"),
        "proposed_area": [Region.objects.get(code=area_code)],
        "regime": regime,
        "product_name": name,
        "category": "other_food",
        "quality_characteristics": "色泽自然，风味独特，品质稳定。",
        "area_link": "产地独特的土壤、水质与气候条件，以及世代相传的加工技艺。",
        "production_specification": "原料产自申请保护范围内，按传统工艺加工。",
        "reputation_history": "地方志及历代文献均有记载，享有较高知名度。",
        "proposed_standard": f"DB33/T 地理标志产品 {name}",
    }
    files = {"area_map": _png("产地范围图.png"), "government_letter": _pdf("政府推荐函.pdf")}
    application = application_actions.draft(actor=user, data=data, files=files)
    return application_actions.submit(actor=user, application=application)


def seed_casework() -> list[str]:
    """Idempotent: each piece is created only when its kind of record does not exist yet."""
    made = []
    applicant_user = _user("applicant")
    applicant = Enterprise.objects.filter(users=applicant_user, kind=Enterprise.Kind.APPLICANT_BODY).first()
    if applicant and not Application.objects.exists():
        _application(applicant, applicant_user, "西湖藕粉", Regime.CNIPA_2023, "330106")
        announced = _application(applicant, applicant_user, "杭州龙井虾仁", Regime.AQSIQ_2005, "330106")
        province_staff, kjs_staff, kjs_lead = _user("zj_province_staff"), _user("kjs_staff"), _user("admin_kjs")
        _complete(
            ApplicationFlow,
            announced,
            ApplicationFlow.preliminary_examination,
            province_staff,
            lambda activation: application_actions.decide_preliminary_examination(
                actor=province_staff, activation=activation, data={"outcome": "accept"}
            ),
        )
        _complete(
            ApplicationFlow,
            announced,
            ApplicationFlow.formal_examination,
            kjs_staff,
            lambda activation: application_actions.decide_formal_examination(
                actor=kjs_staff, activation=activation, data={"outcome": "accept"}
            ),
        )
        _complete(
            ApplicationFlow,
            announced,
            ApplicationFlow.approve_announcement,
            kjs_lead,
            lambda activation: application_actions.decide_announcement(
                actor=kjs_lead, activation=activation, data={"approve": True}
            ),
        )
        made.append("applications")
    producer = _user("producer")
    enterprise = Enterprise.objects.filter(users=producer, kind=Enterprise.Kind.PRODUCER).first()
    longjing = ProtectedProduct.objects.filter(name="西湖龙井").first()
    if enterprise and longjing and not Declaration.objects.exists():
        declaration = declaration_actions.create_draft(
            actor=producer,
            enterprise=enterprise,
            product=longjing,
            production_region=Region.objects.get(code="330106"),
            production_address="杭州市西湖区龙井村18号",
            annual_output=Decimal(2500),
            output_unit="kg",
            label_text="西湖龙井 地理标志保护产品",
        )
        for kind, file in (
            ("business_licence", _pdf("营业执照.pdf")),
            ("inspection_report", _pdf("检验报告.pdf")),
            ("label_proof", _png("标签样张.png")),
        ):
            declaration_actions.attach(actor=producer, declaration=declaration, kind=kind, uploaded_file=file)
        declaration_actions.publish(actor=producer, declaration=declaration, commitment_accepted=True)
        made.append("declaration")
    if not EnforcementCase.objects.exists():
        open_case(
            actor=None,
            source=EnforcementCase.Source.COMPLAINT,
            violation_type="outside_area",
            bureau=Department.objects.get(code="AMR-330106"),
            summary="举报：某茶叶店销售标称“西湖龙井”的茶叶，疑似产自保护范围以外。",
            products=[longjing] if longjing else [],
            party_description="杭州市西湖区某茶叶零售店（河坊街）",
        )
        made.append("enforcement clue")
    if not StatisticsReport.objects.exists():
        # The worker opens a period's reports when its window begins; the demo opens the next
        # period at once, so each province's statistics officer has a report to fill in.
        today = timezone.localdate()
        year, period = next(
            (year, period)
            for year in (today.year, today.year + 1)
            for period in Period.values
            if period_due(year, period) >= today
        )
        reports_open_period(actor=None, year=year, period=period)
        made.append("statistics reports")
    made += seed_agreement()
    made += seed_promotion()
    made += seed_zones()
    from .brands import seed_brands  # here: demo.brands borrows this module's helpers

    if seed_brands(timezone.localdate()):
        made.append("brand evaluation rounds")
    made += seed_marks()
    made += seed_rural()
    return made


def _casework_models() -> list:
    """Everything a journey creates or changes, children before parents; people, enterprises,
    regions, calendars, the audit trail and the reference counters stay (numbers are not reused)."""
    from django.apps import apps

    names = [
        "viewflow.Task",
        "viewflow.Process",
        "workflows.ErrorTaskAlert",
        "deadlines.DeadlineAlert",
        "deadlines.Deadline",
        "notifications.EmailDelivery",
        "notifications.Notification",
        "agreement.AgreementObjection",
        "agreement.AgreementEntry",
        "zones.RectificationItem",
        "zones.Tour",
        "zones.Review",
        "zones.AnnualReport",
        "zones.ZoneObjection",
        "zones.PolicyDocument",
        "zones.Zone",
        "brands.DossierFile",
        "brands.Recommendation",
        "brands.BrandRound",
        "marks.NonUseReview",
        "marks.UsageReportDue",
        "marks.MarkIssue",
        "marks.MarkPrinting",
        "reports.ReportSnapshot",
        "reports.StatisticsReport",
        "rural.Material",
        "rural.Project",
        "rural.Measure",
        "rural.EffectReport",
        "cases.UsageReport",
        "cases.CaseExtension",
        "cases.CaseEvidence",
        "cases.CaseOfficer",
        "cases.EnforcementCase",
        "cases.CheckEvidence",
        "cases.SupervisionCheck",
        "cases.SupervisionCampaign",
        "cases.ConflictOfInterest",
        "cases.ProductRevocation",
        "cases.ObjectionEvidence",
        "cases.Objection",
        "cases.ExpertOpinion",
        "cases.ApplicationAttachment",
        "cases.Application",
        "cases.DeclarationAttachment",
        "cases.Declaration",
        "documents.Document",
        "promotion.SitePage",
        "promotion.PublicityActivity",
        "promotion.MediaReport",
        "promotion.WorkPlan",
        "cases.ProtectedProduct",  # re-imported by seed_demo: a revoked or newly approved product is undone
    ]
    return [apps.get_model(name) for name in names]


@transaction.atomic
def wipe_casework() -> int:
    """Delete the demo's casework so seed_demo can start it again. For a demo database only."""
    wiped = 0
    for model in _casework_models():
        wiped += model.objects.all().delete()[0]
    return wiped
