"""Case page, visibility by region, and the referral of a supervision check as a clue."""

import pytest
from viewflow.workflow.models import Process

from cases.models import CaseEvidence, EnforcementCase
from tests.factories import make_member
from tests.factories.cases import pdf_file
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from workflows.enforcement.actions import open_case_from_referral
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_staff_of_another_province_get_404_and_the_province_sees_its_city(client):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    url = f"/enforcement/{case.pk}/"
    client.force_login(make_member("AMR-440000", "lead"))  # 广东省
    assert client.get(url).status_code == 404
    client.force_login(make_member("AMR-330200", "inspector"))  # 宁波市: same province, other city
    assert client.get(url).status_code == 404
    client.force_login(make_member("AMR-330000", "staff"))  # 浙江省 sees its sub-regions
    assert client.get(url).status_code == 200
    client.force_login(bureau.inspectors[1])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert case.number in page and "Clue received" in page and "15 days left" in page


def test_the_inspector_lists_their_cases_and_adds_evidence_on_the_case_page(client):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    from cases.enforcement.services import case_decide_filing, case_verify

    case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    case_decide_filing(actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2])
    client.force_login(bureau.inspectors[0])
    assert case.number in client.get("/enforcement/").content.decode()
    response = client.post(
        f"/enforcement/{case.pk}/evidence/",
        {"kind": "photo", "description": "货架照片", "second_officer": bureau.inspectors[1].pk, "file": pdf_file()},
    )
    assert response.status_code == 302
    assert CaseEvidence.objects.get(case=case).collected_by == bureau.inspectors[0]
    # An inspector not on the case cannot add evidence: a message, not a 500.
    client.force_login(bureau.inspectors[2])
    response = client.post(
        f"/enforcement/{case.pk}/evidence/",
        {"kind": "photo", "description": "x", "second_officer": bureau.inspectors[1].pk},
        follow=True,
    )
    assert response.status_code == 200 and CaseEvidence.objects.count() == 1


def test_a_referred_supervision_check_arrives_once_as_a_clue_with_its_evidence(client):
    published_declarations(1)
    _lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    hangzhou_bureau()
    make_member("AMR-330106", "inspector")
    check = draw_and_open(actor=_lead, campaign=campaign, seed="referral")[0]
    from viewflow.workflow.models import Task

    task = Task.objects.get(process__artifact_object_id=check.pk, flow_task_type="HUMAN")
    client.force_login(check.inspector_a)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    response = client.post(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]),
        {
            "document_review": "pass",
            "onsite_visit": "fail",
            "label_check": "fail",
            "sample_test": "fail",
            "outcome": "revocation",
            "findings": "产品产自保护区域外",
            "refer_to_enforcement": "on",
            "referral_reason": "涉嫌使用专用标志于区域外产品",
            "evidence": pdf_file("onsite.pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = EnforcementCase.objects.get()
    assert case.source == "supervision" and case.supervision_check_id == check.pk
    assert case.bureau.code == "AMR-330106" and case.status == "verifying"
    evidence = CaseEvidence.objects.get(case=case)
    assert evidence.original_name == "onsite.pdf" and evidence.sha256 == check.evidence.get().sha256
    assert open_case_from_referral(actor=None, check=check) == case
    assert EnforcementCase.objects.count() == 1
    assert Process.objects.filter(flow_class=EnforcementCaseFlow).count() == 1


def test_a_long_history_shows_its_latest_events_and_the_whole_of_it_on_request(client):
    from django.db import transaction

    from audit.services import audit_record
    from cases.common.history import HISTORY_SHOWN

    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    with transaction.atomic():
        for number in range(HISTORY_SHOWN + 20):
            audit_record(actor=bureau.inspectors[0], action="enforcement.note", target=case, comment=f"note-{number}|")
    client.force_login(bureau.inspectors[1])

    page = client.get(f"/enforcement/{case.pk}/").content.decode()
    assert f"The latest {HISTORY_SHOWN} of {HISTORY_SHOWN + 21} events." in page
    assert f"note-{HISTORY_SHOWN + 19}|" in page and "note-0|" not in page and "Clue received" not in page

    page = client.get(f"/enforcement/{case.pk}/?history=all").content.decode()
    assert "The latest" not in page
    assert "note-0|" in page and "Clue received" in page


def test_the_evidence_form_is_shown_only_while_investigating(client):
    from cases.enforcement.services import case_decide_filing, case_verify

    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    client.force_login(bureau.inspectors[0])
    add_form = f'action="/enforcement/{case.pk}/evidence/"'
    assert add_form not in client.get(f"/enforcement/{case.pk}/").content.decode()  # awaiting filing
    case_decide_filing(actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2])
    assert add_form in client.get(f"/enforcement/{case.pk}/").content.decode()
    for state in ("suspended", "review", "recheck"):
        EnforcementCase.objects.filter(pk=case.pk).update(status=state)
        assert add_form not in client.get(f"/enforcement/{case.pk}/").content.decode()
    # A post from a page opened earlier is refused with the reason on the page; nothing is stored.
    response = client.post(
        f"/enforcement/{case.pk}/evidence/",
        {"kind": "photo", "description": "货架照片", "second_officer": bureau.inspectors[1].pk, "file": pdf_file()},
        follow=True,
    )
    assert "Evidence can be added only while case" in response.content.decode()
    assert not CaseEvidence.objects.filter(case=case).exists()


def test_the_filing_reason_and_the_closure_summary_are_kept_apart_and_shown_labelled(client):
    from django.template.loader import render_to_string

    from cases.enforcement.services import case_decide_filing, case_verify

    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    case = case_decide_filing(
        actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2], reason="涉嫌擅自使用专用标志"
    )
    assert case.filing_reason == "涉嫌擅自使用专用标志" and case.closing_reason == ""
    # The closure (its transitions are covered by the flow tests) writes its own field only.
    EnforcementCase.objects.filter(pk=case.pk).update(status="closure")
    from cases.enforcement.services import case_close

    case = case_close(actor=bureau.inspectors[0], case=case, summary="罚款已缴清，案件办结")
    assert case.closure_summary == "罚款已缴清，案件办结"
    assert case.filing_reason == "涉嫌擅自使用专用标志" and case.closing_reason == ""
    client.force_login(bureau.inspectors[0])
    page = client.get(f"/enforcement/{case.pk}/").content.decode()
    assert 'Reason for filing</dt><dd class="filing-reason">涉嫌擅自使用专用标志' in page
    assert 'Closure report summary</dt><dd class="closure-summary">罚款已缴清，案件办结' in page
    context = {"case": case, "officers": bureau.inspectors[:2], "authority": case.bureau.name}
    filing_form = render_to_string("documents/enforcement/filing_form.html", context)
    closure_form = render_to_string("documents/enforcement/closure_form.html", context)
    assert "涉嫌擅自使用专用标志" in filing_form and "罚款已缴清" not in filing_form
    assert "罚款已缴清，案件办结" in closure_form and "涉嫌擅自使用专用标志" not in closure_form


def test_the_migration_moves_old_closure_summaries_and_filing_reasons_to_their_fields():
    import importlib

    from django.apps import apps

    from audit.services import audit_record
    from cases.enforcement.services import case_decide_filing, case_verify

    migration = importlib.import_module("cases.migrations.0013_enforcement_filing_reason_apart_from_closure_summary")
    bureau = hangzhou_bureau()
    closed = received_case(actor=bureau.inspectors[0])
    case_verify(actor=bureau.inspectors[0], case=closed, findings="属实", proposal="file")
    case_decide_filing(actor=bureau.lead, case=closed, decision="file", officers=bureau.inspectors[:2], reason="立案")
    # As the old code left them: the filing reason only in the audit comment, the summary in closing_reason.
    EnforcementCase.objects.filter(pk=closed.pk).update(status="archived", filing_reason="", closing_reason="已办结")
    not_filed = received_case(actor=bureau.inspectors[0])
    EnforcementCase.objects.filter(pk=not_filed.pk).update(status="not_filed", closing_reason="无违法事实")
    audit_record(actor=None, action="enforcement.filing.not_file", target=not_filed, comment="无违法事实")
    migration.split_reasons(apps, None)
    closed.refresh_from_db()
    not_filed.refresh_from_db()
    assert (closed.filing_reason, closed.closing_reason, closed.closure_summary) == ("立案", "", "已办结")
    assert (not_filed.filing_reason, not_filed.closing_reason, not_filed.closure_summary) == ("", "无违法事实", "")
