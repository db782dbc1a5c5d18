"""The materials panel: every file of a case, named in words, with its size, upload time and the links
to preview (PDF and images) and download it, on the pages where staff decide and on the case pages;
read in a fixed number of queries, through the same rules as the file routes."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from viewflow.workflow.models import Process

from cases.applications.services import (
    application_convene_review,
    application_examine_formal,
    application_examine_preliminary,
)
from cases.materials import (
    application_materials,
    check_materials,
    declaration_materials,
    enforcement_materials,
    materials_of,
)
from cases.models import (
    ApplicationAttachment,
    CheckEvidence,
    DeclarationAttachment,
    ExpertOpinion,
)
from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import Cast, draft_application, objected_application
from tests.factories.cases import PDF_BYTES, draft_declaration
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import check_with_evidence, draw_and_open, provincial_campaign, published_declarations
from workflows.applications import actions as application_actions
from workflows.declarations.flows import DeclarationFlow
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = pytest.mark.django_db


def panel(response) -> str:
    """The materials panel of a page, as HTML (the page must have one)."""
    assert response.status_code == 200
    found = re.search(r'<section class="card materials".*?</section>', response.content.decode(), re.S)
    assert found, "no materials panel on the page"
    return found.group(0)


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="materials__item">.*?</tr>', html, re.S)


def test_the_examiner_sees_the_applications_materials_in_words_with_preview_and_download(client):
    cast = Cast()
    applicant, application = draft_application()
    application_actions.submit(actor=applicant, application=application)
    client.force_login(cast.province_staff)
    html = panel(client.get(reverse("applications:detail", args=[application.pk])))

    assert "材料" in html and "申请材料" in html
    area_map = application.attachments.get(kind="area_map")
    letter = application.attachments.get(kind="government_letter")
    items = rows(html)
    assert len(items) == 2
    map_row = next(row for row in items if "map.png" in row)
    assert "拟保护产地范围图" in map_row and "area_map" not in html  # the kind in words, never its code
    with translation.override("zh-hans"):
        assert filesizeformat(72) in map_row and "字节" in filesizeformat(72)  # the size, in Chinese
    assert timezone.localtime(area_map.uploaded_at).strftime("%Y-%m-%d %H:%M") in map_row
    letter_row = next(row for row in items if "letter.pdf" in row)
    assert "政府文件/函" in letter_row
    for stored, row in ((area_map, map_row), (letter, letter_row)):
        preview = reverse("files:application_attachment_preview", args=[stored.pk])
        download = reverse("files:application_attachment", args=[stored.pk])
        assert f'href="{preview}" target="_blank" rel="noopener"' in row and ">预览</a>" in row
        assert f'href="{download}"' in row and ">下载</a>" in row


def test_the_application_page_lists_each_objections_evidence_and_links_to_it_from_the_objection(client):
    cast = Cast()
    _applicant, application, objection = objected_application(cast, "产区证明.pdf")
    client.force_login(cast.province_staff)
    response = client.get(reverse("applications:detail", args=[application.pk]))
    html = panel(response)
    evidence = objection.evidence.get()
    assert f'id="materials-objection-{objection.pk}"' in html
    assert f"异议 {objection.reference} 的证据（某某茶业公司）" in html
    assert "产区证明.pdf" in html and "异议证据材料" in html
    assert reverse("files:objection_evidence_preview", args=[evidence.pk]) in html
    # The objection itself points to its evidence in the panel.
    assert f'<a href="#materials-objection-{objection.pk}">证据 1 份，见下方“材料”</a>' in response.content.decode()


def test_the_expert_convened_reads_the_materials_beside_the_opinion_form(client):
    cast = Cast()
    applicant, application = draft_application()
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(actor=cast.province_staff, application=application, outcome="accept")
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application_convene_review(
        actor=cast.kjs_staff, application=application, experts=cast.experts, chair=cast.experts[0]
    )
    opinion = ExpertOpinion.objects.get(application=application, expert=cast.experts[1])
    client.force_login(cast.experts[1])
    html = panel(client.get(reverse("applications:review_opinion", args=[opinion.pk])))
    assert "申请材料" in html and len(rows(html)) == 2
    assert client.get(re.search(r'href="([^"]*/preview/)"', html)[1]).status_code == 200


def test_the_applicant_sees_an_objections_evidence_only_once_it_is_admitted(client):
    """The panel offers no link its reader would be refused: the same rule as the file route."""
    cast = Cast()
    applicant, application, objection = objected_application(cast, "产区证明.pdf")
    client.force_login(applicant)
    url = reverse("portal_applications:detail", args=[application.pk])
    html = panel(client.get(url))
    assert "letter.pdf" in html and "产区证明.pdf" not in html
    application_actions.decide_objection_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)
    html = panel(client.get(url))
    assert "产区证明.pdf" in html
    assert client.get(re.search(r'href="([^"]*objection-evidence[^"]*preview/)"', html)[1]).status_code == 200


def test_the_enforcement_case_page_shows_its_evidence_files(client):
    bureau = hangzhou_bureau()
    case = received_case(
        actor=bureau.inspectors[0],
        evidence=[SimpleUploadedFile("举报照片.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    client.force_login(bureau.inspectors[0])
    html = panel(client.get(reverse("enforcement:detail", args=[case.pk])))
    evidence = case.evidence.get()
    assert "证据文件" in html and "举报照片.pdf" in html and "线索附带证据" in html
    assert reverse("files:enforcement_evidence_preview", args=[evidence.pk]) in html


def test_the_producers_declaration_page_shows_its_documents(client):
    producer, declaration = draft_declaration()
    client.force_login(producer)
    html = panel(client.get(reverse("portal_declarations:detail", args=[declaration.pk])))
    assert "申报材料" in html and "营业执照" in html and "产品检验报告" in html and "标签样张" in html
    assert len(rows(html)) == 3


def test_the_process_pages_of_a_declaration_and_a_check_show_their_materials(client):
    _lead, inspectors, check, evidence = check_with_evidence(seed="materials", name="现场检查照片.pdf")
    client.force_login(inspectors[0])
    process = Process.objects.get(flow_class=SupervisionCheckFlow, artifact_object_id=check.pk)
    html = panel(client.get(SupervisionCheckFlow.instance.reverse("process_detail", args=[process.pk])))
    assert "检查证据" in html and "现场检查照片.pdf" in html and "申报材料" in html and "营业执照" in html
    assert reverse("files:check_evidence_preview", args=[evidence.pk]) in html

    producer, declaration = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=declaration, commitment_accepted=True)
    process = Process.objects.get(flow_class=DeclarationFlow, artifact_object_id=declaration.pk)
    client.force_login(make_member("AMR-330106", Role.STAFF))  # the bureau of the production region
    html = panel(client.get(DeclarationFlow.instance.reverse("process_detail", args=[process.pk])))
    assert "申报材料" in html and len(rows(html)) == 3


def test_a_file_that_cannot_be_shown_in_a_tab_offers_only_its_download():
    producer, declaration = draft_declaration(with_attachments=False)
    DeclarationAttachment.objects.create(
        declaration=declaration,
        kind="inspection_report",
        file=ContentFile(b"PK\x03\x04", name="old.bin"),
        original_name="检验报告.zip",
        file_type="ZIP",
        size=4,
        sha256="0" * 64,
        uploaded_by=producer,
    )
    [group] = declaration_materials(producer, declaration)
    [item] = group.items
    assert item.preview_url is None and item.download_url


def test_kinds_without_files_have_no_panel():
    assert materials_of(None, None) == []
    assert materials_of(None, object()) == []


def _queries(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_each_kind_reads_its_materials_in_the_same_number_of_queries_however_many_files():
    cast = Cast()
    _applicant, application, objection = objected_application(cast, "产区证明.pdf")
    producer, declaration = draft_declaration()
    bureau = hangzhou_bureau()
    case = received_case(
        actor=bureau.inspectors[0], evidence=[SimpleUploadedFile("甲.pdf", PDF_BYTES, content_type="application/pdf")]
    )
    published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="count")[0]

    def add_files():
        """Four more files of every kind (rows written directly: the counts are the point)."""
        stored = {"file": ContentFile(PDF_BYTES, name="more.pdf"), "file_type": "PDF", "size": 1, "sha256": "0" * 64}
        for n in range(4):
            ApplicationAttachment.objects.create(
                application=application, kind="supplement", original_name=f"补充{n}.pdf", **stored
            )
            objection.evidence.create(original_name=f"证据{n}.pdf", **stored)
            DeclarationAttachment.objects.create(
                declaration=declaration, kind="correction", original_name=f"更正{n}.pdf", uploaded_by=producer, **stored
            )
            case.evidence.create(kind="document", description="书证", original_name=f"书证{n}.pdf", **stored)
            CheckEvidence.objects.create(
                check_record=check, original_name=f"照片{n}.pdf", uploaded_by=inspectors[0], **stored
            )

    reads = {
        "application": (cast.province_staff, lambda user: application_materials(user, application)),
        "declaration": (producer, lambda user: declaration_materials(user, declaration)),
        "enforcement": (bureau.inspectors[0], lambda user: enforcement_materials(user, case)),
        "check": (inspectors[0], lambda user: check_materials(user, check)),
    }

    def count_queries() -> dict[str, int]:
        return {kind: _queries(lambda read=read, user=user: read(user)) for kind, (user, read) in reads.items()}

    with translation.override("zh-hans"):
        count_queries()  # one-off lookups (the reader's persona and jurisdiction) are not counted
        before = count_queries()
        add_files()
        after = count_queries()
        counts = {kind: sum(len(group.items) for group in read(user)) for kind, (user, read) in reads.items()}
    assert before == after, (before, after)
    assert counts["application"] >= 10 and counts["check"] >= 4
    assert max(after.values()) <= 6, after
