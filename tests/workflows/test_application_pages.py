"""The applicant portal, the staff case file, expert opinions and the public objection form."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.applications.announcements import ACCEPTANCE
from cases.applications.services import (
    application_convene_review,
    application_decide_announcement,
    application_examine_formal,
    application_examine_preliminary,
)
from cases.models import Application, ApplicationAttachment, ExpertOpinion, Objection, Regime
from documents.selectors import documents_for
from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import Cast, applicant_body, draft_application
from tests.factories.cases import PDF_BYTES, PNG_BYTES
from workflows.applications import actions as application_actions

# The objection window opens today: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


@pytest.fixture
def cast():
    return Cast()


def new_application_data(**overrides):
    data = {
        "purpose": "protection",
        "regime": "2023",
        "product_name": "龙井虾仁",
        "category": "other_food",
        "province": "330000",
        "proposed_area": ["330106", "330110"],
        "quality_characteristics": "虾仁玉白，茶叶碧绿。",
        "area_link": "西湖龙井与钱塘江河虾。",
        "production_specification": "选用清明前后龙井新茶。",
        "reputation_history": "相传始于清代。",
        "proposed_standard": "T/HZ 001-2026",
        "area_map": SimpleUploadedFile("map.png", PNG_BYTES, content_type="image/png"),
        "government_letter": SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    data.update(overrides)
    return data


def test_the_applicant_drafts_with_files_then_submits(client):
    user, body = applicant_body()
    client.force_login(user)
    response = client.post(reverse("portal_applications:new"), new_application_data(applicant=body.pk))
    application = Application.objects.get()
    assert response.status_code == 302 and application.status == "draft"
    assert set(application.attachments.values_list("kind", flat=True)) == {"area_map", "government_letter"}
    assert sorted(application.proposed_area.values_list("code", flat=True)) == ["330106", "330110"]
    client.post(reverse("portal_applications:submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "preliminary_examination" and application.reference.startswith("DB-330000-")
    page = client.get(reverse("portal_applications:detail", args=[application.pk])).content.decode()
    assert application.reference in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"proposed_area": "999999"}, "999999"),
        ({"proposed_area": "350102"}, "350102"),  # 福州 is outside 浙江: the area is refused
        (
            {"area_map": SimpleUploadedFile("map.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")},
            "map.pdf",
        ),
        ({"product_name": "西湖龙井"}, "西湖龙井"),  # already protected
    ],
)
def test_bad_input_is_refused_with_a_message_and_creates_nothing(client, overrides, message):
    from tests.factories.cases import longjing

    longjing()
    user, body = applicant_body()
    client.force_login(user)
    response = client.post(reverse("portal_applications:new"), new_application_data(applicant=body.pk, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()


def test_a_producer_without_an_applicant_body_may_not_apply(client):
    from tests.factories.cases import producer_with_enterprise

    producer, _ = producer_with_enterprise()
    client.force_login(producer)
    assert client.get(reverse("portal_applications:new")).status_code == 403


def test_nobody_else_sees_an_applicants_application(client):
    _user, application = draft_application()
    other, _body = applicant_body()
    client.force_login(other)
    assert client.get(reverse("portal_applications:detail", args=[application.pk])).status_code == 404


def announced(cast, regime=Regime.AQSIQ_2005):
    applicant, application = draft_application(regime=regime)
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(actor=cast.province_staff, application=application, outcome="accept")
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application_decide_announcement(actor=cast.kjs_lead, application=application, approve=True)
    return applicant, Application.objects.get(pk=application.pk)


def test_the_public_objects_through_the_register_and_staff_decide(client, cast):
    applicant, application = announced(cast)
    listing = client.get(reverse("register:announcements")).content.decode()
    form_url = reverse("register:objection_new", args=[application.public_token])
    assert form_url in listing
    document = documents_for(application, ACCEPTANCE).get()
    pdf = client.get(reverse("register:announcement_pdf", args=[document.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    response = client.post(
        form_url,
        {
            "objector_name": "某某茶业公司",
            "objector_id_code": "91330106MA00000003",
            "contact": "0571-88888888",
            "grounds": "拟保护范围包含非传统产区。",
            "evidence": [SimpleUploadedFile("proof.pdf", PDF_BYTES, content_type="application/pdf")],
        },
    )
    objection = Objection.objects.get()
    assert response.status_code == 200 and objection.reference in response.content.decode()
    assert objection.evidence.count() == 1
    client.force_login(cast.fgs_staff)
    detail = reverse("applications:detail", args=[application.pk])
    assert "拟保护范围包含非传统产区" in client.get(detail).content.decode()
    client.post(
        reverse("applications:objection_admissibility", args=[application.pk, objection.pk]), {"admissible": "yes"}
    )
    objection.refresh_from_db()
    assert objection.status == "awaiting_reply"
    client.force_login(applicant)
    client.post(reverse("portal_applications:reply", args=[application.pk, objection.pk]), {"reply": "范围依据史料。"})
    objection.refresh_from_db()
    assert objection.status == "replied" and objection.applicant_reply == "范围依据史料。"


def test_an_objection_after_the_window_is_refused_with_the_closing_date(client, cast):
    _applicant, application = announced(cast)
    closed = timezone.localdate() - datetime.timedelta(days=1)
    Application.objects.filter(pk=application.pk).update(objection_window_closes=closed)
    url = reverse("register:objection_new", args=[application.public_token])
    page = client.get(url).content.decode()
    assert closed.isoformat() in page  # YYYY-MM-DD in Chinese too
    response = client.post(
        url, {"objector_name": "王五", "objector_id_code": "33010619900101123X", "contact": "x", "grounds": "迟到"}
    )
    assert closed.isoformat() in response.content.decode()
    assert not Objection.objects.exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("ZZZZZZZZZZZZZZZZZZ", "不符合"),  # not a credit code's alphabet
        ("91330106MA00000004", "校验"),  # a credit code with a wrong check character
        ("330106199001011234", "校验"),  # an identity number with a wrong check digit
    ],
)
def test_an_objection_with_a_code_that_fails_its_check_is_refused_and_kept(client, cast, code, message):
    _applicant, application = announced(cast)
    url = reverse("register:objection_new", args=[application.public_token])
    response = client.post(
        url, {"objector_name": "王五", "objector_id_code": code, "contact": "0571-88888888", "grounds": "范围过大"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "范围过大" in page  # what was typed is kept
    assert not Objection.objects.exists()


def test_the_objection_service_checks_the_code_too(cast):
    from workflows.applications.actions import file_objection

    _applicant, application = announced(cast)
    with pytest.raises(ValidationError) as refused:
        file_objection(
            application=application,
            objector_name="王五",
            objector_id_code="ZZZZZZZZZZZZZZZZZZ",
            contact="x",
            grounds="y",
        )
    assert "objector_id_code" in refused.value.message_dict
    assert not Objection.objects.exists()


def test_more_than_five_objections_an_hour_from_one_address_are_refused(client, cast):
    from django.core.cache import cache

    cache.clear()
    _applicant, application = announced(cast)
    url = reverse("register:objection_new", args=[application.public_token])
    data = {"objector_name": "王五", "objector_id_code": "33010619900101123X", "contact": "13800000000"}
    for serial in range(5):
        response = client.post(url, {**data, "grounds": f"理由{serial}"}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200
    refused = client.post(url, {**data, "grounds": "第六份"}, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "第六份" in refused.content.decode()  # what was typed stays on the page
    assert Objection.objects.count() == 5
    assert client.post(url, {**data, "grounds": "另一地址"}, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_an_unknown_or_draft_token_is_not_found(client):
    _user, application = draft_application()
    assert client.get(reverse("register:objection_new", args=[application.public_token])).status_code == 404
    assert client.get(reverse("register:objection_new", args=["nothing-here"])).status_code == 404


def test_staff_of_another_province_get_404_on_the_case_file(client, cast):
    _applicant, application = announced(cast)
    client.force_login(make_member("AMR-350000", Role.STAFF))
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    client.force_login(cast.province_staff)
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
    assert application.reference in client.get(reverse("applications:list")).content.decode()


def test_a_convened_expert_gives_an_opinion_once(client, cast):
    applicant, application = draft_application(regime=Regime.CNIPA_2023)
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(actor=cast.province_staff, application=application, outcome="accept")
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application_convene_review(
        actor=cast.kjs_staff, application=application, experts=cast.experts, chair=cast.experts[0]
    )
    opinion = ExpertOpinion.objects.get(expert=cast.experts[1])
    client.force_login(cast.experts[1])
    assert application.product_name in client.get(reverse("applications:reviews")).content.decode()
    url = reverse("applications:review_opinion", args=[opinion.pk])
    empty = client.post(url, {"vote": "approve", "opinion": ""})
    assert empty.status_code == 200
    client.post(url, {"vote": "approve", "opinion": "品质特色与产地关联性论证充分。"})
    opinion.refresh_from_db()
    assert opinion.vote == "approve" and opinion.is_submitted
    client.force_login(cast.experts[2])
    assert client.get(url).status_code == 404  # another expert's opinion is not theirs to see


def test_fewer_than_three_experts_cannot_be_convened(cast):
    from django.core.exceptions import ValidationError

    from cases.applications.services import application_convene_review as convene

    applicant, application = draft_application(regime=Regime.CNIPA_2023)
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(actor=cast.province_staff, application=application, outcome="accept")
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    with pytest.raises(ValidationError):
        convene(actor=cast.kjs_staff, application=application, experts=cast.experts[:2], chair=cast.experts[0])
    outsider = make_member("KJS", Role.STAFF)
    with pytest.raises(ValidationError):
        convene(actor=cast.kjs_staff, application=application, experts=[*cast.experts[:2], outsider], chair=outsider)
    assert not ExpertOpinion.objects.exists()


def test_the_evidence_label_names_the_limit_the_service_enforces():
    from django.utils import translation

    from cases.objections.services import MAX_EVIDENCE_FILES
    from register.objection_forms import ObjectionForm

    with translation.override("en"):
        assert f"at most {MAX_EVIDENCE_FILES} files" in str(ObjectionForm().fields["evidence"].label)


def test_the_applicant_requests_an_amendment_of_a_protected_product(client):
    from tests.factories.cases import longjing

    product = longjing()
    user, body = applicant_body()
    client.force_login(user)
    data = new_application_data(
        applicant=body.pk, purpose="minor_amendment", amends=product.pk, product_name="西湖龙井", proposed_area="330106"
    )
    response = client.post(reverse("portal_applications:new"), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.purpose == "minor_amendment" and application.amends == product
    missing = new_application_data(applicant=body.pk, purpose="main_amendment", product_name="龙井新品")
    response = client.post(reverse("portal_applications:new"), missing)
    assert response.status_code == 200 and Application.objects.count() == 1


def test_an_announcement_whose_file_is_gone_is_not_found_not_an_error(client, cast):
    _applicant, application = announced(cast)
    document = documents_for(application, ACCEPTANCE).get()
    document.file.storage.delete(document.file.name)
    assert client.get(reverse("register:announcement_pdf", args=[document.pk])).status_code == 404
