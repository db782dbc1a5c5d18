from django.core.files.uploadedfile import SimpleUploadedFile

from cases.applications.services import (
    application_attach,
    application_create_draft,
    application_decide_announcement,
    application_examine_formal,
    application_examine_preliminary,
)
from cases.models import Application, Regime
from cases.objections.services import objection_file
from organizations.models import Enterprise, Region, Role
from workflows.applications import actions as application_actions

from .cases import PDF_BYTES, pdf_file, png_file
from .organizations import EnterpriseFactory, UserFactory, make_member


def applicant_body(region_code: str = "330106"):
    user = UserFactory()
    body = EnterpriseFactory(
        name=f"杭州市西湖区特产协会{user.pk}",
        kind=Enterprise.Kind.APPLICANT_BODY,
        region=Region.objects.get(code=region_code),
    )
    body.accounts.create(user=user)
    return user, body


def draft_application(regime: str = Regime.CNIPA_2023, product_name: str = "西湖藕粉", user=None, body=None):
    if user is None:
        user, body = applicant_body()
    application = application_create_draft(
        actor=user,
        applicant=body,
        province=Region.objects.get(code="330000"),
        proposed_area=[Region.objects.get(code="330106")],
        regime=regime,
        product_name=product_name,
        category="other_food",
        quality_characteristics="色泽微红，冲调后呈半透明胶状，清香爽滑。",
        area_link="西湖区湖泥肥沃、水质清洁，传统手工制作工艺延续百年。",
        production_specification="选用西湖产区九孔白莲藕，经洗净、磨浆、沉淀、削片、晾晒制成。",
        reputation_history="南宋时期即为贡品，《梦粱录》有载。",
        proposed_standard="DB33/T 0000-2026 地理标志产品 西湖藕粉",
    )
    application_attach(actor=user, application=application, kind="area_map", uploaded_file=png_file("map.png"))
    application_attach(
        actor=user, application=application, kind="government_letter", uploaded_file=pdf_file("letter.pdf")
    )
    return user, Application.objects.get(pk=application.pk)


class Cast:
    """Everyone an application meets, with the roles that route its tasks."""

    def __init__(self):
        self.province_staff = make_member("AMR-330000", Role.STAFF)
        self.province_lead = make_member("AMR-330000", Role.LEAD)
        self.kjs_staff = make_member("KJS", Role.STAFF)
        self.kjs_lead = make_member("KJS", Role.LEAD)
        self.fgs_staff = make_member("FGS", Role.STAFF)
        self.experts = [make_member("EXPERTS", Role.EXPERT) for _ in range(3)]


def objected_application(cast: Cast, evidence_name: str = "proof.pdf"):
    """An application announced (its objection window open) with an objection just received, whose
    evidence is one PDF: (applicant, application, objection)."""
    applicant, application = draft_application(regime=Regime.AQSIQ_2005)
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(actor=cast.province_staff, application=application, outcome="accept")
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application_decide_announcement(actor=cast.kjs_lead, application=application, approve=True)
    objection = application_actions.file_objection(
        application=Application.objects.get(pk=application.pk),
        objector_name="某某茶业公司",
        objector_id_code="91330106MA00000003",
        contact="0571-88888888",
        grounds="申请保护范围与我司产区重叠。",
        evidence=[SimpleUploadedFile(evidence_name, PDF_BYTES, content_type="application/pdf")],
    )
    return applicant, Application.objects.get(pk=application.pk), objection


def objection_with_evidence(application):
    """An objection filed by a tea company during the window, with one PDF of evidence."""
    proof = SimpleUploadedFile("proof.pdf", PDF_BYTES, content_type="application/pdf")
    return objection_file(
        application=application,
        objector_name="某某茶业公司",
        objector_id_code="91330106MA00000003",
        contact="0571-88888888",
        grounds="拟保护范围包含非传统产区。",
        evidence=[proof],
    )
