"""Generated from the URL configuration: every page that takes an object id, called as every persona.

Only the personas a rule allows get the object; the others get 404, 403 or a redirect (to the
login page, or out of the portal), never a 200 with the object's data and never a 500. A POST
from someone not allowed changes nothing. A new URL with an id and no rule here fails the test.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from audit.models import AuditEvent
from brands import actions as brand_actions
from cases.applications import services as application_services
from cases.enforcement.services import case_decide_filing, case_verify
from cases.models import (
    Application,
    Declaration,
    EnforcementCase,
    ExpertOpinion,
    RectificationReport,
    Regime,
    SupervisionCheck,
)
from cases.objections.services import objection_file
from cases.register_import.columns import ImportKind
from cases.register_import.services import register_import_run_now, register_import_upload
from cases.supervision.services import conflict_declare
from documents.models import Document
from marks.models import MarkIssue, MarkPrinting
from notifications.models import Notification
from organizations.models import Department, Role
from promotion import actions as promotion_actions
from reports.actions import submit_report
from reports.figures import FIGURES
from reports.models import StatisticsReport
from reports.services import report_update, reports_open_period
from rural.actions import apply_for_project, effect_record, measure_record
from tests.factories import make_member
from tests.factories.applications import Cast, applicant_body, draft_application
from tests.factories.cases import draft_declaration, longjing, pdf_file, producer_with_enterprise
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import draw_and_open, provincial_campaign
from tests.reports.conftest import ANSWERS as REPORT_ANSWERS
from tests.reports.conftest import PERIOD, YEAR
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "producer A",
    "producer B",
    "applicant body",
    "staff of another province",
    "staff of the case's province",
    "inspector assigned",
    "inspector not assigned",
    "lead",
    "expert",
]
STAFF = {
    "staff of another province",
    "staff of the case's province",
    "inspector assigned",
    "inspector not assigned",
    "lead",
    "expert",
}
# Staff whose jurisdiction covers the cases of the world (Zhejiang, Hangzhou, Xihu district).
ZHEJIANG_STAFF = {"staff of the case's province", "inspector assigned", "inspector not assigned", "lead"}
PROVINCE = {"staff of the case's province", "lead"}
EVERYONE = set(PERSONAS)
# 401: the API answers an anonymous caller so (pages redirect to the login page).
DENIED_STATUSES = {302, 401, 403, 404, 405}


@dataclass(frozen=True)
class Rule:
    """Who may GET the page with the world's object, and what they should get."""

    target: str  # key of World.targets: the URL arguments and the text that shows the object
    allowed: frozenset
    allowed_statuses: frozenset = frozenset({200})
    # Personas allowed but answered with another status (a redirect to the right page, say).
    notes: str = ""


def rule(target, allowed, statuses=(200,), notes=""):
    return Rule(target, frozenset(allowed), frozenset(statuses), notes)


# Pages of the project's own URL configuration, by URL name.
RULES: dict[str, Rule] = {
    # The public register: anyone, by design (a QR code, a published announcement, the objection form).
    "register:verify": rule("verification token", EVERYONE),
    "register:announcement_pdf": rule("public announcement", EVERYONE),
    "register:objection_new": rule("objection token", EVERYONE),
    # The producer's portal: only the enterprise that declared.
    "portal_declarations:detail": rule("declaration", {"producer A"}),
    # POST-only actions answer a GET with 405 whoever asks; the POST matrix below covers them.
    # A confirmation page, or back to the declaration when it cannot be withdrawn now (under check).
    "portal_declarations:withdraw": rule("declaration", {"producer A"}, statuses=(200, 302, 405)),
    "portal_declarations:resubmit": rule("declaration", {"producer A"}, statuses=(200, 302, 405)),
    "portal_declarations:usage_report": rule("declaration", {"producer A"}, statuses=(200, 302)),
    # The rectification report's form, or back to the declaration when none is awaited.
    "portal_declarations:rectification_report": rule("declaration", {"producer A"}, statuses=(200, 302)),
    # The applicant body's portal.
    "portal_applications:detail": rule("application", {"applicant body"}),
    "portal_applications:edit": rule("application", {"applicant body"}, statuses=(200, 302)),
    "portal_applications:submit": rule("application", {"applicant body"}, statuses=(200, 302, 405)),
    "portal_applications:resubmit": rule("application", {"applicant body"}, statuses=(200, 302, 405)),
    "portal_applications:withdraw": rule("application", {"applicant body"}, statuses=(200, 405)),
    "portal_applications:reply": rule("objection", {"applicant body"}, statuses=(200, 302, 405)),
    # Staff pages of applications: the provincial bureau and national bodies (a city bureau's
    # inspectors have no part in them); experts only the application they review.
    "applications:detail": rule("application", PROVINCE),
    "applications:objection_admissibility": rule("objection", PROVINCE, statuses=(200, 302, 405)),
    "applications:objection_decision": rule("objection", PROVINCE, statuses=(200, 302, 405)),
    "applications:product": rule("product", STAFF),
    "applications:review_opinion": rule("expert opinion", {"expert"}),
    # Supervision campaigns: staff of the organising province.
    "supervision:detail": rule("campaign", ZHEJIANG_STAFF),
    "supervision:draw": rule("campaign", ZHEJIANG_STAFF, statuses=(200, 302, 403, 405)),
    # A declared conflict of interest (POST only): the inspector and the lead of their bureau.
    "supervision:conflict_withdraw": rule("conflict of interest", {"inspector not assigned"}, statuses=(405,)),
    # Enforcement cases: the bureau's region and above.
    "enforcement:detail": rule("enforcement case", ZHEJIANG_STAFF),
    "enforcement:evidence_add": rule("enforcement case", ZHEJIANG_STAFF, statuses=(200, 302, 405)),
    "enforcement:clock_pause": rule("enforcement case", ZHEJIANG_STAFF, statuses=(200, 302, 405)),
    "enforcement:clock_resume": rule("enforcement case", ZHEJIANG_STAFF, statuses=(200, 302, 405)),
    "enforcement:clock_extend": rule("enforcement case", ZHEJIANG_STAFF, statuses=(200, 302, 405)),
    "enforcement:verification_extend": rule("enforcement case", ZHEJIANG_STAFF, statuses=(200, 302, 405)),
    # Team work (POST only): a lead of the responsible body hands a task over; the staff who see a
    # case write its notes (tests/workflows/test_team_reassign.py, tests/teamwork/test_notes.py).
    "team:task_reassign": rule("task", set(), statuses=(405,)),
    "team:note_add": rule("enforcement case notes", ZHEJIANG_STAFF, statuses=(405,)),
    # Personal and private files.
    "notifications:mark_read": rule("notification", {"producer A"}, statuses=(302, 405)),
    "documents:download": rule("private document", {"producer A"} | ZHEJIANG_STAFF),
    "files:declaration_attachment": rule("attachment", {"producer A"} | ZHEJIANG_STAFF),
    "files:check_evidence": rule("check evidence", ZHEJIANG_STAFF),
    "files:enforcement_evidence": rule("enforcement evidence", ZHEJIANG_STAFF),
    # An application's documents: whoever sees the application; an objection's evidence too, the
    # applicant body only once the objection is admitted (the world's is just received).
    "files:application_attachment": rule("application attachment", {"applicant body"} | PROVINCE),
    "files:objection_evidence": rule("objection evidence", PROVINCE),
    # Their previews in a tab (PDF and images): the same rule as each download.
    "files:declaration_attachment_preview": rule("attachment", {"producer A"} | ZHEJIANG_STAFF),
    "files:check_evidence_preview": rule("check evidence", ZHEJIANG_STAFF),
    "files:enforcement_evidence_preview": rule("enforcement evidence", ZHEJIANG_STAFF),
    "files:application_attachment_preview": rule("application attachment", {"applicant body"} | PROVINCE),
    "files:objection_evidence_preview": rule("objection evidence", PROVINCE),
    # A protected product's public page, by its public token.
    "register:product": rule("product token", EVERYONE),
    # Statistics reports: the provincial bureau's report, for the province and national bodies;
    # only its statistics officer edits and submits it (no persona of the world is one).
    "reports:detail": rule("statistics report", PROVINCE),
    "reports:figure": rule("statistics figure", PROVINCE),
    "reports:pdf": rule("statistics report", PROVINCE),
    "reports:csv": rule("statistics report", PROVINCE),
    "reports:xlsx": rule("statistics report", PROVINCE),
    "reports:edit": rule("statistics report", set()),
    "reports:submit": rule("statistics report", set()),
    # The REST API: the same selectors as the pages; POST-only actions answer a GET with 405.
    "api:verify": rule("verification token", EVERYONE),
    "api:product-detail": rule("product token", EVERYONE),
    "api:declaration-detail": rule("declaration", {"producer A"}),
    "api:declaration-attachments": rule("declaration", {"producer A"}, statuses=(200, 405)),
    "api:declaration-submit": rule("declaration", {"producer A"}, statuses=(405,)),
    "api:declaration-withdraw": rule("declaration", {"producer A"}, statuses=(405,)),
    "api:declaration-resubmit": rule("declaration", {"producer A"}, statuses=(405,)),
    "api:application-detail": rule("application", {"applicant body"}),
    "api:application-attachments": rule("application", {"applicant body"}, statuses=(200, 405)),
    "api:application-submit": rule("application", {"applicant body"}, statuses=(405,)),
    "api:application-withdraw": rule("application", {"applicant body"}, statuses=(405,)),
    "api:staff-application-detail": rule("application", PROVINCE),
    "api:staff-declaration-detail": rule("declaration", ZHEJIANG_STAFF),
    "api:staff-enforcement-case-detail": rule("enforcement case", ZHEJIANG_STAFF),
    # Supervision through the API (ADR 0048): as the campaign and conflict pages.
    "api:staff-campaign-detail": rule("campaign", ZHEJIANG_STAFF),
    "api:staff-campaign-draw": rule("campaign", ZHEJIANG_STAFF, statuses=(405,)),
    "api:staff-conflict-detail": rule("conflict of interest", {"inspector not assigned"}),
    "api:staff-conflict-withdraw": rule("conflict of interest", {"inspector not assigned"}, statuses=(405,)),
    # The province's open preliminary examination: offered to the provincial bureau's staff.
    "api:task-detail": rule("task", {"staff of the case's province"}),
    "api:task-assign": rule("task", {"staff of the case's province"}, statuses=(405,)),
    "api:task-unassign": rule("task", {"staff of the case's province"}, statuses=(405,)),
    "api:task-complete": rule("task", {"staff of the case's province"}, statuses=(405,)),
    # 我的工作's 领取: POST only; a GET answers 405 whoever asks.
    "my_work:claim": rule("task", {"staff of the case's province"}, statuses=(405,)),
    # 名录导入: a provincial bureau's staff (and 科技司) import; a file is seen by its uploader and
    # whoever imports for the same regions; the templates by anyone who may import.
    # A product's archive (ADR 0058): staff whose jurisdiction covers its province or its area.
    "archives:detail": rule("product", ZHEJIANG_STAFF),
    "register_import:template": rule("register import template", PROVINCE | {"staff of another province"}),
    "register_import:detail": rule("register import", PROVINCE),
    "register_import:error_file": rule("register import", PROVINCE),
    "register_import:import": rule("register import", set(), statuses=(405,)),
    # Statistics reports through the API (ADR 0049): read and exported as on the pages; only the
    # report's statistics officer (no persona of the world) fills (PATCH, below) and submits it.
    "api:staff-report-detail": rule("statistics report", PROVINCE),
    "api:staff-report-export": rule("statistics report", PROVINCE),
    "api:staff-report-submit": rule("statistics report", set(), statuses=(405,)),
    # The EU–China agreement (ADR 0052): the public objection form while a name is published; the
    # 国际司's own pages and staff API (no persona of the world is of the 国际司).
    "register:agreement_objection": rule("agreement objection token", EVERYONE),
    "agreement:detail": rule("agreement entry", set()),
    "agreement:publish": rule("agreement entry", set(), statuses=(405,)),
    "api:staff-agreement-name-detail": rule("agreement entry", set()),
    # The remaining page actions through the API (ADR 0057): as each page; POST-only ones answer a GET with 405.
    "api:objection-file": rule("objection token", EVERYONE, statuses=(405,)),
    "api:staff-objection-list": rule("application", PROVINCE),
    "api:staff-objection-detail": rule("objection", PROVINCE),
    "api:staff-objection-admissibility": rule("objection", PROVINCE, statuses=(405,)),
    "api:staff-objection-decision": rule("objection", PROVINCE, statuses=(405,)),
    "api:applicant-objection-list": rule("application", {"applicant body"}),
    # The world's objection is just received: the applicant sees it once found admissible.
    "api:applicant-objection-detail": rule("objection", set()),
    "api:applicant-objection-reply": rule("objection", {"applicant body"}, statuses=(405,)),
    "api:staff-enforcement-case-evidence": rule("enforcement case", ZHEJIANG_STAFF, statuses=(405,)),
    "api:staff-enforcement-case-clock-pause": rule("enforcement case", ZHEJIANG_STAFF, statuses=(405,)),
    "api:staff-enforcement-case-clock-resume": rule("enforcement case", ZHEJIANG_STAFF, statuses=(405,)),
    "api:staff-enforcement-case-clock-extend": rule("enforcement case", ZHEJIANG_STAFF, statuses=(405,)),
    "api:staff-enforcement-case-verification-extend": rule("enforcement case", ZHEJIANG_STAFF, statuses=(405,)),
    "api:staff-note-list": rule("enforcement case notes", ZHEJIANG_STAFF),
    "api:task-reassign": rule("task", {"lead"}, statuses=(405,)),
    "api:declaration-rectification": rule("declaration", {"producer A"}, statuses=(405,)),
    "api:declaration-rectification-reports": rule("declaration", {"producer A"}),
    "api:staff-rectification-report-detail": rule("rectification report", ZHEJIANG_STAFF),
    # The promotion programme (ADR 0054): a provincial bureau's work plan and national site page are
    # seen by that bureau and national bodies (not by its cities); a page is corrected only once
    # returned (the world's is under review).
    "promotion:plan_document": rule("work plan", PROVINCE),
    "promotion:site_page": rule("national site page", PROVINCE),
    "promotion:site_page_edit": rule("national site page", set()),
    # Demonstration zones (ADR 0050): the zone's page for the staff whose jurisdiction covers it;
    # the entering bureau (西湖区, no persona of the world) edits and reports, the 科技司 (none
    # either) records objections, reviews and revokes; a tour is recorded by inspectors covering it.
    "zones:detail": rule("zone", ZHEJIANG_STAFF),
    "zones:edit": rule("zone", set()),
    "zones:policy_new": rule("zone", set()),
    "zones:submit": rule("zone", set(), statuses=(405,)),
    "zones:annual_report": rule("zone", set()),
    "zones:acceptance": rule("zone", set(), statuses=(405,)),
    "zones:objection_new": rule("zone", set()),
    "zones:objection_decide": rule("zone objection", set()),
    "zones:review": rule("zone", set()),
    "zones:revoke": rule("zone", set()),
    "zones:tour_new": rule("zone", {"inspector assigned", "inspector not assigned"}),
    "zones:item_done": rule("rectification item", set(), statuses=(405,)),
    "zones:policy_file": rule("zone policy", ZHEJIANG_STAFF),
    "api:zone-detail": rule("named zone", EVERYONE),
    "api:staff-zone-detail": rule("zone", ZHEJIANG_STAFF),
    # Brand evaluation rounds (ADR 0051): a round is a national programme every member of staff sees;
    # the provincial bureaus' staff recommend; a dossier is its province's and the national bodies'.
    "brands:detail": rule("brand round", STAFF),
    "brands:recommend": rule("brand round", {"staff of the case's province", "staff of another province"}),
    "brands:dossier_file": rule("brand dossier", PROVINCE),
    "brands:dossier_file_preview": rule("brand dossier", PROVINCE),
    "api:staff-brand-round-detail": rule("brand round", STAFF),
    # Rural revitalisation (ADR 0053): a project, measure and their files of 西湖区, for the bureaus
    # whose region holds it and the national bodies (计财司), never another province.
    "rural:project": rule("rural project", ZHEJIANG_STAFF),
    "rural:measure": rule("rural measure", ZHEJIANG_STAFF),
    "rural:material": rule("rural material", ZHEJIANG_STAFF),
    "rural:material_preview": rule("rural material", ZHEJIANG_STAFF),
    "api:notification-detail": rule("notification", {"producer A"}),
    # Special marks (ADR 0060): the bureaus' staff and leads of the jurisdiction (inspectors keep no marks).
    "api:staff-mark-printing-detail": rule("mark printing", PROVINCE),
    "api:staff-mark-issue-detail": rule("mark issue", PROVINCE),
    "api:notification-read": rule("notification", {"producer A"}, statuses=(405,)),
    # The programme's records through the API (ADR 0062): as their pages.
    "api:staff-rural-project-detail": rule("rural project", ZHEJIANG_STAFF),
    "api:staff-rural-measure-detail": rule("rural measure", ZHEJIANG_STAFF),
    "api:staff-rural-effect-detail": rule("rural effect", ZHEJIANG_STAFF),
    "api:staff-publicity-activity-detail": rule("publicity activity", PROVINCE),
    "api:staff-media-report-detail": rule("media report", PROVINCE),
    "api:staff-work-plan-detail": rule("work plan", PROVINCE),
}

# viewflow's pages of every flow, by the last part of their URL name; the object is the process.
FLOW_PAGES = {
    "process_detail",
    "process_cancel",
    "process_chart",
    "index",
    "detail",
    "execute",
    "assign",
    "unassign",
    "undo",
    "cancel",
    "revive",
}
# Who may see a process of each flow in the world (the process's case in their jurisdiction).
FLOW_VIEWERS = {
    "application": PROVINCE,
    "declaration": ZHEJIANG_STAFF,
    "supervisioncheck": ZHEJIANG_STAFF,
    "enforcementcase": ZHEJIANG_STAFF,
    "productrevocation": ZHEJIANG_STAFF,
    "statisticsreport": PROVINCE,
    "agreemententry": set(),
    "sitepage": PROVINCE,
    "zone": ZHEJIANG_STAFF,
    # A national programme every member of staff sees, a bureau of another city included.
    "brandround": STAFF | {"staff of another bureau"},
    "ruralproject": ZHEJIANG_STAFF,
}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, route, inner or "")
        elif isinstance(entry, URLPattern):
            yield route, (f"{namespace}:{entry.name}" if namespace else entry.name) or "", entry


def id_taking_urls() -> list[tuple[str, str]]:
    """(route, name) of every page whose URL carries an argument."""
    return [(route, name) for route, name, _ in _walk(get_resolver().url_patterns) if "<" in route or "(?P" in route]


FLOW_ROUTE = re.compile(r"^staff/workflow/flows/(?P<flow>[a-z]+)/<int:process_pk>/")


def rule_of(route: str, name: str) -> str | None:
    """Which part of the matrix covers this URL; None when nothing does (the test fails)."""
    if route.startswith("admin/"):
        return "admin"
    flow = FLOW_ROUTE.match(route)
    if flow:
        if flow["flow"] in FLOW_VIEWERS and name.rsplit(":", 1)[-1] in FLOW_PAGES:
            return "flow"
        return None
    return name if name in RULES else None


def test_every_url_that_takes_an_id_has_a_rule():
    uncovered = [f"{route} ({name})" for route, name in id_taking_urls() if rule_of(route, name) is None]
    assert uncovered == [], "add a rule to tests/security/test_access_matrix.py for: " + ", ".join(uncovered)
    # The matrix itself must not keep rules for URLs that no longer exist.
    names = {name for _route, name in id_taking_urls()}
    assert set(RULES) <= names, set(RULES) - names


# The world: one object of every kind, and the personas around it.


@dataclass
class Target:
    args: list
    marker: str | None  # text that shows the object on its page (None for files: the status says it)


@dataclass
class World:
    users: dict
    reviewed_application: Application
    targets: dict[str, Target] = field(default_factory=dict)


@pytest.fixture
def world(media_root) -> World:
    longjing()
    cast = Cast()
    bureau = hangzhou_bureau()
    producer_a, declaration = draft_declaration()
    DeclarationFlow.start.run(actor=producer_a, declaration=declaration, commitment_accepted=True)
    declaration = Declaration.objects.get(pk=declaration.pk)
    producer_b, _enterprise = producer_with_enterprise()

    # An application announced (objection window open) with an objection; another under expert review.
    applicant, body = applicant_body()
    _user, application = draft_application(user=applicant, body=body, regime=Regime.AQSIQ_2005)
    application_actions.submit(actor=applicant, application=application)
    application_services.application_examine_preliminary(
        actor=cast.province_staff, application=application, outcome="accept"
    )
    application_services.application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application = Application.objects.get(pk=application.pk)
    if application.status == Application.Status.ANNOUNCEMENT_PENDING:
        application_services.application_decide_announcement(actor=cast.kjs_lead, application=application, approve=True)
    application = Application.objects.get(pk=application.pk)
    _user, reviewed = draft_application(user=applicant, body=body, product_name="西湖莼菜", regime=Regime.CNIPA_2023)
    application_actions.submit(actor=applicant, application=reviewed)
    application_services.application_examine_preliminary(
        actor=cast.province_staff, application=reviewed, outcome="accept"
    )
    application_services.application_examine_formal(actor=cast.kjs_staff, application=reviewed, outcome="accept")
    application_services.application_convene_review(
        actor=cast.kjs_staff, application=reviewed, experts=cast.experts, chair=cast.experts[0]
    )
    expert = cast.experts[1]
    opinion = ExpertOpinion.objects.get(application=reviewed, expert=expert)

    # An enforcement case filed with its officers.
    case = received_case(actor=bureau.inspectors[0])
    case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    case_decide_filing(actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2])
    case = EnforcementCase.objects.get(pk=case.pk)

    # A provincial campaign drawn over the published declaration, with an evidence file.
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    draw_and_open(actor=lead, campaign=campaign, seed="matrix")
    check = SupervisionCheck.objects.filter(campaign=campaign).first()

    users = {
        "anonymous": None,
        "producer A": producer_a,
        "producer B": producer_b,
        "applicant body": applicant,
        "staff of another province": make_member("AMR-350000", Role.STAFF),
        "staff of the case's province": cast.province_staff,
        "inspector assigned": bureau.inspectors[0],
        "inspector not assigned": bureau.inspectors[2],
        "lead": lead,
        "expert": expert,
    }
    world = World(users=users, reviewed_application=reviewed)
    targets = world.targets
    targets["declaration"] = Target([declaration.pk], declaration.reference)
    targets["verification token"] = Target([declaration.verification_token], declaration.enterprise.name)
    targets["application"] = Target([application.pk], application.reference or application.product_name)
    objection = None
    if application.objection_window_opens:
        objection = objection_file(
            application=application,
            objector_name="某某茶业公司",
            objector_id_code="91330106MA00000003",
            contact="0571-88888888",
            grounds="拟保护范围包含非传统产区。",
        )
        targets["objection token"] = Target([application.public_token], application.product_name)
    assert objection is not None, "the world needs an application open to objections"
    targets["objection"] = Target([application.pk, objection.pk], objection.reference)
    public_announcement = (
        Document.objects.filter(
            target_type__model="application", target_id=application.pk, kind__icontains="announcement"
        ).first()
        or Document.objects.filter(target_id=application.pk).first()
    )
    targets["public announcement"] = Target([public_announcement.pk], None)
    targets["product"] = Target([longjing().pk], "西湖龙井")
    targets["expert opinion"] = Target([opinion.pk], reviewed.product_name)
    targets["campaign"] = Target([campaign.pk], campaign.title)
    conflict = conflict_declare(actor=users["inspector not assigned"], product=longjing(), reason="亲属在当地经营")
    targets["conflict of interest"] = Target([conflict.pk], None)
    targets["enforcement case"] = Target([case.pk], case.number)
    targets["enforcement case notes"] = Target(["enforcement", case.pk], None)
    notification = Notification.objects.filter(recipient=producer_a).first()
    targets["notification"] = Target([notification.pk], None)
    private = Document.objects.filter(target_type__model="declaration", target_id=declaration.pk).first()
    targets["private document"] = Target([private.pk], None) if private else None
    targets["attachment"] = Target([declaration.attachments.first().pk], None)
    evidence = check.evidence.create(
        file="checks/matrix.pdf",
        original_name="现场照片.pdf",
        file_type="pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=bureau.inspectors[0],
    )
    (media_root / "checks").mkdir(parents=True, exist_ok=True)
    (media_root / "checks" / "matrix.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    targets["check evidence"] = Target([evidence.pk], None)
    report = RectificationReport.objects.create(
        check_record=check, fixed="已整改", due_on=timezone.localdate(), submitted_by=producer_a
    )
    targets["rectification report"] = Target([report.pk], None)
    case_evidence = case.evidence.create(
        kind="document",
        description="询问笔录",
        file="enforcement/matrix.pdf",
        original_name="询问笔录.pdf",
        file_type="PDF",
        size=15,
        sha256="0" * 64,
        collected_by=bureau.inspectors[0],
        second_officer=bureau.inspectors[1],
    )
    (media_root / "enforcement").mkdir(parents=True, exist_ok=True)
    (media_root / "enforcement" / "matrix.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    targets["enforcement evidence"] = Target([case_evidence.pk], None)
    targets["application attachment"] = Target([application.attachments.first().pk], None)
    objection_evidence = objection.evidence.create(
        file="objections/matrix.pdf",
        original_name="异议证据.pdf",
        file_type="pdf",
        size=10,
        sha256="0" * 64,
    )
    (media_root / "objections").mkdir(parents=True, exist_ok=True)
    (media_root / "objections" / "matrix.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    targets["objection evidence"] = Target([objection_evidence.pk], None)
    targets["product token"] = Target([longjing().public_token], "西湖龙井")
    # A province's statistics report, submitted (frozen, in its lead's hands).
    officer = make_member("AMR-330000", Role.STATISTICS_OFFICER)
    report = next(r for r in reports_open_period(actor=None, year=YEAR, period=PERIOD) if r.province.code == "330000")
    report_update(actor=officer, report=report, answers=REPORT_ANSWERS)
    report = submit_report(actor=officer, report=report)
    targets["statistics report"] = Target([report.pk], report.province.name)
    targets["statistics figure"] = Target([report.pk, next(iter(FIGURES))], report.province.name)
    # A work plan of Zhejiang's provincial bureau, and its page for the national site under review.
    work_plan = promotion_actions.record_work_plan(
        actor=cast.province_staff,
        bureau=cast.province_staff.memberships.get().department,
        title="浙江省地理标志保护工作方案",
        adopted_on=datetime.date(YEAR, 1, 5),
        covers_from=datetime.date(YEAR, 1, 1),
        covers_to=datetime.date(YEAR, 12, 31),
        document=pdf_file("工作方案.pdf"),
    )
    targets["work plan"] = Target([work_plan.pk], None)
    site_page = promotion_actions.submit_site_page(
        actor=cast.province_staff,
        bureau=work_plan.bureau,
        product=longjing(),
        natural_background="山水",
        cultural_background="人文",
        area_description="西湖区",
        standard="GB/T 18650-2008",
        testing_body="检测中心",
    )
    targets["national site page"] = Target([site_page.pk], site_page.reference)
    # The announced application's process still waits at the province (its steps above were services).
    task = (
        Task.objects.filter(process__artifact_object_id=application.pk, process__flow_class=ApplicationFlow)
        .exclude(status__in=["DONE", "CANCELED"])
        .exclude(flow_task_type="END")
        .get()
    )
    targets["task"] = Target([task.pk], application.reference)
    # A register file of Zhejiang's, checked, with an error (so it has an error file).
    job = register_import_upload(
        user=cast.province_staff,
        kind=ImportKind.USERS,
        uploaded_file=SimpleUploadedFile(
            "浙江名录.csv",
            "企业名称,统一社会信用代码,所在地区,地理标志产品,使用途径,批准日期\n甲,1,330106,西湖龙井,核准,2019-05-20\n".encode(),
        ),
    )
    job = register_import_run_now(job)
    assert job.error_file
    targets["register import"] = Target([job.pk], None)
    targets["register import template"] = Target(["users", "csv"], None)
    # A second-batch name of the EU–China agreement, published for objections by the 国际司 (no
    # persona of the world is one of its people: tests/agreement covers its staff and lead).
    targets.update(_agreement_targets())
    zone_world(world, media_root)
    # A brand evaluation round calling for recommendations, with Zhejiang's recommendation and its dossier.
    brand_round = brand_actions.open_round(
        actor=make_member("ZLS", Role.STAFF),
        year=timezone.localdate().year,
        organiser=Department.objects.get(code="ZLS"),
        recommendations_due=timezone.localdate() + datetime.timedelta(days=30),
    )
    recommendation = brand_actions.recommend(
        actor=cast.province_staff,
        brand_round=brand_round,
        product=longjing(),
        has_plan=True,
        reason="品质优良",
        files=[SimpleUploadedFile("推荐材料.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")],
    )
    targets["brand round"] = Target([brand_round.pk], str(brand_round))
    targets["brand dossier"] = Target([recommendation.dossier.get().pk], None)
    # A print run of the Xihu district bureau and an issue of it under the declaration.
    from marks.services import issue_record, printing_record

    clerk, xihu = make_member("AMR-330106", Role.STAFF), Department.objects.get(code="AMR-330106")
    day = datetime.date(2026, 5, 6)
    run = printing_record(actor=clerk, bureau=xihu, product=longjing(), printed_on=day, quantity=9)
    issue = issue_record(actor=clerk, bureau=xihu, declaration=declaration, issued_on=day, quantity=4)
    targets["mark printing"] = Target([run.pk], None)
    targets["mark issue"] = Target([issue.pk], None)
    # A rural revitalisation project 西湖区 applied for (awaiting 浙江省's recommendation) and a measure.
    rural_staff = make_member("AMR-330106", Role.STAFF)
    xihu = Department.objects.get(code="AMR-330106")
    project = apply_for_project(
        actor=rural_staff,
        bureau=xihu,
        title="茶园标准化示范",
        region=xihu.region,
        products=[longjing()],
        summary="建设标准化茶园。",
        files=[SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    targets["rural project"] = Target([project.pk], project.reference)
    targets["rural material"] = Target([project.materials.get().pk], None)
    measure = measure_record(
        actor=rural_staff,
        bureau=xihu,
        kind="training",
        title="专用标志使用培训",
        held_on=datetime.date(2026, 6, 1),
        regions=[xihu.region],
        products=[],
        participants=40,
    )
    targets["rural measure"] = Target([measure.pk], measure.title)
    effects = effect_record(
        actor=rural_staff,
        bureau=xihu,
        region=xihu.region,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        people_reached=100,
        households_reached=30,
        poor_employed=5,
        gi_output=Decimal("120.00"),
        online_sales=Decimal("30.00"),
    )
    targets["rural effect"] = Target([effects.pk], None)
    activity = promotion_actions.record_activity(
        actor=cast.province_staff,
        bureau=work_plan.bureau,
        name="专用标志使用培训",
        kind="training",
        held_on=datetime.date(YEAR, 3, 1),
        region=work_plan.bureau.region,
        products=[],
    )
    targets["publicity activity"] = Target([activity.pk], None)
    report = promotion_actions.record_media_report(
        actor=cast.province_staff,
        bureau=work_plan.bureau,
        title="地理标志助力乡村振兴",
        outlet="浙江日报",
        level="local",
        published_on=datetime.date(YEAR, 3, 2),
        region=work_plan.bureau.region,
    )
    targets["media report"] = Target([report.pk], None)
    return world


def _agreement_targets() -> dict:
    from agreement import actions as agreement_actions

    gjs_staff, gjs_lead = make_member("GJS", Role.STAFF), make_member("GJS", Role.LEAD)
    (entry,) = agreement_actions.load_list(
        actor=gjs_staff, data="annex,name,product_class,country\nV,金华火腿,肉制品 Meat products,CN\n".encode()
    )
    agreement_actions.request_publication(actor=gjs_staff, entry=entry)
    agreement_actions.decide_publication(actor=gjs_lead, entry=entry, approve=True)
    return {
        "agreement entry": Target([entry.pk], "金华火腿"),
        "agreement objection token": Target([entry.public_token], "金华火腿"),
    }


def zone_world(world: World, media_root) -> None:
    """杭州市西湖区人民政府's zone, submitted (its process waits at the province), with a policy file,
    an objection and a tour's rectification item; and a named zone (宁波, public) for the API."""
    from organizations.models import Region
    from zones import actions as zone_actions
    from zones.models import RectificationItem, Tour, Zone, ZoneObjection

    county_staff = make_member("AMR-330106", Role.STAFF)
    zone = zone_actions.zone_create(
        actor=county_staff, government="杭州市西湖区人民政府", region=Region.objects.get(code="330106")
    )
    zone_actions.zone_update(
        actor=county_staff,
        zone=zone,
        answers={
            "standard_system": "标准",
            "testing_system": "检测",
            "quality_system": "质量",
            "producers_count": 1,
            "output_share": 80,
            "no_quality_accident": True,
        },
        products=[longjing()],
    )
    policy = zone_actions.policy_add(
        actor=county_staff,
        zone=zone,
        title="扶持政策",
        uploaded_file=SimpleUploadedFile("政策.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    zone = zone_actions.submit_zone(actor=county_staff, zone=zone)
    objection = ZoneObjection.objects.create(
        zone=zone, objector="某合作社", grounds="数据有误", received_on=zone.created_at.date(), recorded_by=county_staff
    )
    tour = Tour.objects.create(
        zone=zone,
        bureau=county_staff.memberships.get().department,
        toured_on=zone.created_at.date(),
        result=Tour.Result.RECTIFY,
        recorded_by=county_staff,
    )
    item = RectificationItem.objects.create(tour=tour, description="整改", due_on=zone.created_at.date())
    world.targets["zone"] = Target([zone.pk], zone.reference)
    world.targets["zone policy"] = Target([policy.pk], None)
    world.targets["zone objection"] = Target([zone.pk, objection.pk], "某合作社")
    world.targets["rectification item"] = Target([item.pk], None)
    named = Zone.objects.create(
        reference="SFQ-330200-2020-01",
        government="宁波市人民政府",
        region=Region.objects.get(code="330200"),
        bureau=county_staff.memberships.get().department,
        province=Region.objects.get(code="330000"),
    )
    Zone.objects.filter(pk=named.pk).update(status=Zone.Status.NAMED)
    world.targets["named zone"] = Target([named.reference], "宁波市人民政府")


def _login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def _gets_the_object(response, marker) -> bool:
    if response.status_code != 200:
        return False
    if marker is None:
        return True
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return marker in content.decode(errors="replace")


def test_only_allowed_personas_get_the_object(client, world):
    problems, checked = [], 0
    for route, name in id_taking_urls():
        if rule_of(route, name) != name:
            continue
        page_rule = RULES[name]
        target = world.targets.get(page_rule.target)
        assert target is not None, f"the world has no {page_rule.target} for {name}"
        url = reverse(name, args=target.args)
        for persona in PERSONAS:
            _login(client, world.users[persona])
            response = client.get(url)
            checked += 1
            status = response.status_code
            if status >= 500:
                problems.append(f"{persona} GET {url} ({name}): {status}")
            elif persona in page_rule.allowed:
                if status not in page_rule.allowed_statuses:
                    problems.append(
                        f"{persona} GET {url} ({name}): {status}, expected {set(page_rule.allowed_statuses)}"
                    )
            elif status not in DENIED_STATUSES or (status == 200 and _gets_the_object(response, target.marker)):
                problems.append(f"LEAK {persona} GET {url} ({name}): {status}")
    assert problems == [], "\n".join(problems)
    assert checked >= len(RULES) * len(PERSONAS)
    print(f"access matrix: {checked} id pages × personas (GET)")  # a figure for the closing note


def flow_pages(world) -> list[tuple[str, str, str, Process]]:
    """(flow label, page, url, process) for every viewflow page of every process and task in the world."""
    from django.urls import NoReverseMatch

    pages = []
    for process in Process.objects.all():
        flow = process.flow_class.instance
        label = re.match(r"/staff/workflow/flows/([a-z]+)/", flow.reverse("process_detail", args=[process.pk]))[1]
        for page in ("process_detail", "process_cancel", "process_chart"):
            url = flow.reverse(page, args=[process.pk])
            pages.append((label, page, url, process))
        for task in Task.objects.filter(process=process):
            for page in FLOW_PAGES - {"process_detail", "process_cancel", "process_chart"}:
                try:
                    url = task.flow_task.reverse(page, args=[process.pk, task.pk])
                except NoReverseMatch:
                    continue  # this node has no such page
                pages.append((label, page, url, process))
    return pages


def test_flow_pages_show_a_process_only_to_those_who_may_see_its_case(client, world):
    problems, checked, flows = [], 0, set()
    audit_before = AuditEvent.objects.count()
    for label, page, url, process in flow_pages(world):
        flows.add(label)
        viewers = FLOW_VIEWERS[label]
        if label == "application" and process.artifact_object_id == world.reviewed_application.pk:
            viewers = viewers | {"expert"}  # convened on this one: they record their part in it
        # The process page is headed by its case's number (workflows/case_header.py, ADR 0030).
        marker = process.flow_class.instance.case_header(process).reference if page == "process_detail" else None
        for persona in PERSONAS:
            _login(client, world.users[persona])
            response = client.get(url)
            checked += 1
            status = response.status_code
            if status >= 500:
                problems.append(f"{persona} GET {url}: {status}")
            elif persona not in viewers and status == 200:
                problems.append(f"LEAK {persona} GET {url}: 200")
            elif persona in viewers and page in ("process_detail", "detail") and not _gets_the_object(response, marker):
                problems.append(f"{persona} GET {url}: {status}, expected the page")
    assert problems == [], "\n".join(problems)
    assert flows == set(FLOW_VIEWERS) - {"productrevocation"}, flows
    assert AuditEvent.objects.count() == audit_before
    assert checked > 100
    print(f"access matrix: {checked} viewflow pages × personas (GET)")  # a figure for the closing note


# Everything a task or action form might ask for: a POST from someone not allowed must change nothing.
ANY_FORM = {
    "outcome": "correction",
    "comment": "越权尝试",
    "reason": "越权尝试",
    "reply": "越权尝试",
    "admissible": "yes",
    "sustained": "yes",
    "approve": "yes",
    "vote": "approve",
    "opinion": "越权尝试",
    "kind": "photo",
    "description": "越权尝试",
    "days": "30",
    "participants": "甲、乙",
    "commitment_accepted": "on",
}


def _state(world) -> list:
    """What a forbidden POST could change: the audit trail (every change writes to it) and the states."""
    return [
        AuditEvent.objects.count(),
        list(Declaration.objects.order_by("pk").values_list("status", flat=True)),
        list(Application.objects.order_by("pk").values_list("status", flat=True)),
        list(EnforcementCase.objects.order_by("pk").values_list("status", "clock_pause_reason")),
        list(Notification.objects.order_by("pk").values_list("read_at", flat=True)),
        list(ExpertOpinion.objects.order_by("pk").values_list("submitted_at", flat=True)),
        list(Task.objects.order_by("pk").values_list("status", "owner_id")),
    ]


def test_a_post_from_someone_not_allowed_changes_nothing(client, world):
    before = _state(world)
    problems, checked = [], 0
    for route, name in id_taking_urls():
        if rule_of(route, name) != name or RULES[name].allowed == frozenset(EVERYONE):
            continue
        page_rule = RULES[name]
        url = reverse(name, args=world.targets[page_rule.target].args)
        for persona in sorted(EVERYONE - page_rule.allowed):
            _login(client, world.users[persona])
            status = client.post(url, ANY_FORM).status_code
            checked += 1
            if status not in DENIED_STATUSES:
                problems.append(f"{persona} POST {url} ({name}): {status}")
    for label, page, url, _process in flow_pages(world):
        if page in ("process_detail", "process_chart", "detail", "index"):
            continue
        for persona in sorted(EVERYONE - FLOW_VIEWERS[label]):
            _login(client, world.users[persona])
            status = client.post(url, ANY_FORM).status_code
            checked += 1
            if status not in DENIED_STATUSES:
                problems.append(f"{persona} POST {url}: {status}")
    assert problems == [], "\n".join(problems)
    assert _state(world) == before
    assert checked > 200
    print(f"access matrix: {checked} forbidden POSTs")  # a figure for the closing note


def test_lists_and_searches_show_only_visible_objects(client, world):
    from tests.security.test_get_changes_nothing import urls_without_arguments

    reviewed = Application.objects.get(pk=world.reviewed_application.pk)
    case = EnforcementCase.objects.get()
    notification = Notification.objects.filter(recipient=world.users["producer A"]).first()
    # Text that only the named personas may see anywhere (none of it is published in the register).
    private = {
        case.number: ZHEJIANG_STAFF,
        reviewed.reference: PROVINCE | {"applicant body", "expert"},
        notification.subject: {"producer A"},
    }
    problems, checked = [], 0
    for url in urls_without_arguments():
        if url.startswith(("/admin/", "/accounts/logout/", "/language/")):
            continue
        for persona in PERSONAS:
            _login(client, world.users[persona])
            # Searches that find the objects without spelling the text looked for (a search box echoes it).
            for query in ("", "?q=330100", f"?q={reviewed.product_name}", "?q=DB-330000"):
                response = client.get(url + query)
                checked += 1
                if response.status_code >= 500:
                    problems.append(f"{persona} GET {url}{query}: {response.status_code}")
                if response.status_code != 200 or response.streaming:
                    continue
                page = response.content.decode(errors="replace")
                for marker, allowed in private.items():
                    if persona not in allowed and marker in page:
                        problems.append(f"LEAK {persona} GET {url}{query} shows {marker!r}")
    assert problems == [], "\n".join(problems)
    assert checked > 300
    print(f"access matrix: {checked} list/search pages × personas × queries")  # a figure for the closing note


def test_fields_the_form_does_not_offer_change_nothing(client, world):
    """status, owner, assignee, created_by … in a POST are ignored, or the POST is refused."""
    from cases.models import DeclarationAttachment
    from cases.products.services import product_import_protected
    from organizations.models import Region
    from tests.factories.cases import declaration_form_data

    producer_a = world.users["producer A"]
    producer_b = world.users["producer B"]
    own = producer_a.enterprise_accounts.get().enterprise
    others = producer_b.enterprise_accounts.get().enterprise
    client.force_login(producer_a)
    before = set(Declaration.objects.values_list("pk", flat=True))
    # Producer A already declared 西湖龙井 (one active declaration per product): another product.
    other_product, _ = product_import_protected(
        actor=None,
        name="龙井茶（西湖产区）测试",
        category="tea",
        province=Region.objects.get(code="330000"),
        area=[Region.objects.get(code="330106")],
    )
    client.post(
        reverse("portal_declarations:new"),
        declaration_form_data(
            own,
            product=other_product.pk,
            status="revoked",
            verification_token="chosen-by-the-user",
            created_by=producer_b.pk,
            owner=producer_b.pk,
            reference="GI-FAKE-1",
        ),
    )
    created = Declaration.objects.exclude(pk__in=before).get()
    assert created.enterprise == own
    assert created.status in (Declaration.Status.DRAFT, Declaration.Status.PUBLISHED)
    assert created.verification_token != "chosen-by-the-user" and created.reference != "GI-FAKE-1"
    # Someone else's enterprise is not a choice: refused, nothing created.
    count = Declaration.objects.count(), DeclarationAttachment.objects.count()
    response = client.post(reverse("portal_declarations:new"), declaration_form_data(others))
    assert response.status_code == 200 and response.context["form"].errors
    assert (Declaration.objects.count(), DeclarationAttachment.objects.count()) == count

    # A task form: owner, assignee and status in the POST do not move the task to someone else.
    task = Task.objects.get(
        flow_task=DeclarationFlow.in_process_check, process__artifact_object_id=world.targets["declaration"].args[0]
    )
    status_before = Declaration.objects.get(pk=task.process.artifact_object_id).status
    staff = make_member("AMR-330106", Role.STAFF)  # the checking bureau of the production region
    client.force_login(staff)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    response = client.post(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]),
        {"outcome": "ok", "comment": "", "owner": producer_b.pk, "assignee": producer_b.pk, "status": "NEW"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == staff and task.status == "DONE"
    assert Declaration.objects.get(pk=task.process.artifact_object_id).status == status_before


def test_admin_pages_with_an_id_are_for_django_staff_only(client, world):
    """No persona is Django staff: every admin page that takes an id sends them to the admin login."""
    admin_urls = [route for route, _name in id_taking_urls() if route.startswith("admin/")]
    checked = 0
    for route in admin_urls:
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "auth" if m[1] == "app_label" else "1", route)
        url = url.replace("^", "").replace("$", "").replace("\\Z", "")
        if "(?P" in url or "(" in url:
            continue  # regex routes (the admin's catch-all view-on-site) are covered by the next one
        for persona in PERSONAS:
            _login(client, world.users[persona])
            response = client.get(url)
            checked += 1
            assert response.status_code in (302, 404), f"{persona} GET {url}: {response.status_code}"
            if response.status_code == 302:
                assert response["Location"].startswith(("/admin/login/", "/accounts/login/")), url
    assert checked >= 10 * len(PERSONAS)
    print(f"access matrix: {checked} admin pages × personas")  # a figure for the closing note


def test_a_patch_of_a_report_from_anyone_but_its_officer_changes_nothing(client, world):
    """The API's one PATCH: refused (401/403/404) for every persona, the report untouched."""
    args = world.targets["statistics report"].args
    url = reverse("api:staff-report-detail", args=args)
    before = _state(world), StatisticsReport.objects.get(pk=args[0]).contact_person
    problems = []
    for persona in PERSONAS:
        _login(client, world.users[persona])
        status = client.patch(url, {"contact_person": "改过"}, content_type="application/json").status_code
        if status not in DENIED_STATUSES:
            problems.append(f"{persona} PATCH {url}: {status}")
    assert problems == [], "\n".join(problems)
    assert (_state(world), StatisticsReport.objects.get(pk=args[0]).contact_person) == before


# The special marks' pages (no id in their address): anonymous to the login page, producers and
# staff without a marks role refused, a bureau's staff see only what lies in their jurisdiction.
MARKS_PAGES = [
    "marks:index",
    "marks:printing_new",
    "marks:issue_new",
    "marks:usage",
    "marks:usage_reports",
    "marks:dues",
]


def test_the_special_marks_pages_are_for_the_bureaus_staff_only(client, world):
    from marks.services import printing_record
    from organizations.models import Department

    zhejiang_clerk = make_member("AMR-330106", Role.STAFF)
    printing_record(
        actor=zhejiang_clerk,
        bureau=Department.objects.get(code="AMR-330106"),
        product=longjing(),
        printed_on=__import__("datetime").date(2026, 5, 6),
        quantity=7,
        printer="浙江省防伪印制中心矩阵",
    )
    allowed = {"staff of the case's province", "lead", "staff of another province"}
    records = {"marks:printing_new", "marks:issue_new"}  # kept by a regional bureau's staff or lead
    checked = 0
    for name in MARKS_PAGES:
        url = reverse(name)
        for persona in PERSONAS:
            _login(client, world.users[persona])
            response = client.get(url)
            checked += 1
            status = response.status_code
            if persona in allowed:
                assert status == 200, f"{persona} GET {url}: {status}"
                page = response.content.decode()
                assert ("浙江省防伪印制中心矩阵" in page) == (
                    name == "marks:index" and persona != "staff of another province"
                ), f"{persona} GET {url}"
            else:
                assert status in DENIED_STATUSES, f"{persona} GET {url}: {status}"
            if persona == "anonymous":
                assert status == 302 and "/accounts/login/" in response["Location"]
        if name in records:
            _login(client, world.users["producer A"])
            assert client.post(url, {"quantity": "5"}).status_code == 403
    assert checked == len(MARKS_PAGES) * len(PERSONAS)


# The special marks' API lists (ADR 0060): the same people as the pages; a producer reads only the
# reports it owes.
MARKS_API_LISTS = ["api:staff-mark-printing-list", "api:staff-mark-issue-list", "api:staff-usage-total-list"]


def test_the_special_marks_api_is_for_the_bureaus_staff_and_dues_for_their_producer(client, world):
    allowed = {"staff of the case's province", "lead", "staff of another province"}
    for name in MARKS_API_LISTS:
        url = reverse(name)
        for persona in PERSONAS:
            _login(client, world.users[persona])
            status = client.get(url).status_code
            if persona in allowed:
                assert status == 200, f"{persona} GET {url}: {status}"
            else:
                assert status in DENIED_STATUSES, f"{persona} GET {url}: {status}"
    for name in ("api:staff-mark-printing-list", "api:staff-mark-issue-list"):
        before = MarkPrinting.objects.count(), MarkIssue.objects.count()
        for persona in PERSONAS:
            if persona in allowed:
                continue
            _login(client, world.users[persona])
            status = client.post(reverse(name), {"quantity": 5}, content_type="application/json").status_code
            assert status in DENIED_STATUSES, f"{persona} POST {name}: {status}"
        assert (MarkPrinting.objects.count(), MarkIssue.objects.count()) == before
    url = reverse("api:usage-report-due-list")
    for persona in PERSONAS:
        _login(client, world.users[persona])
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code in (401, 403)
        else:
            assert response.status_code == 200 and response.json() == [], persona  # no dues but one's own
