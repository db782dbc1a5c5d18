"""The producer's side: declare with files, see it, correct it, withdraw it — through the pages."""

import pytest
from django.utils import translation
from viewflow.workflow.models import Task

from cases.models import Declaration, DeclarationAttachment
from organizations.models import Role
from tests.factories import make_member
from tests.factories.cases import declaration_form_data as form_data
from tests.factories.cases import pdf_file, png_file, producer_with_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["terroir_language"] = "en"
    with translation.override("en"):
        yield


def test_producer_declares_and_sees_the_published_declaration(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    assert client.get("/portal/declarations/new/").status_code == 200
    response = client.post("/portal/declarations/new/", form_data(enterprise))
    declaration = Declaration.objects.get()
    assert response["Location"] == f"/portal/declarations/{declaration.pk}/"
    assert declaration.status == "published" and declaration.attachments.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert declaration.reference in page and "You may use the GI mark." in page
    assert f"/verify/{declaration.verification_token}/" in page
    assert declaration.reference in client.get("/portal/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"production_region": "330102"}, "production_region", "outside the protected area"),
        (
            {"business_licence": pdf_file("x.pdf").__class__("x.pdf", b"MZ\x90\x00")},
            "business_licence",
            "not a real PDF",
        ),
        ({"commitment_accepted": None}, "commitment_accepted", "accept the commitment"),
        ({"label_proof": png_file().__class__("setup.exe", b"MZ")}, "label_proof", "only PDF、JPEG、PNG"),
    ],
    ids=["outside-area", "exe-renamed-pdf", "no-commitment", "exe"],
)
def test_bad_input_is_refused_and_creates_nothing(client, overrides, field, message, tmp_path):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    response = client.post("/portal/declarations/new/", form_data(enterprise, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    flat = " ".join(str(e) for errs in errors.values() for e in errs)
    assert message in flat
    if field:
        assert field in errors
    assert not Declaration.objects.exists() and not DeclarationAttachment.objects.exists()
    assert not Task.objects.exists()
    # The accepted files are kept for the next attempt (ADR 0026), nothing else is stored.
    stored = [path for path in tmp_path.rglob("*") if path.is_file() and "staging" not in path.parts]
    assert not stored, "no orphan files in storage"


def test_a_second_declaration_for_the_same_product_is_refused_on_the_form(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    client.post("/portal/declarations/new/", form_data(enterprise))
    first = Declaration.objects.get()
    response = client.post("/portal/declarations/new/", form_data(enterprise))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["product"])
    assert first.reference in errors and "published" in errors
    page = response.content.decode()
    assert first.reference in page and "one active declaration per product" in page
    assert Declaration.objects.count() == 1 and DeclarationAttachment.objects.count() == 3


def test_eleven_megabyte_file_is_refused(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    big = pdf_file().__class__("big.pdf", b"%PDF-" + b"0" * (11 * 1024 * 1024))
    response = client.post("/portal/declarations/new/", form_data(enterprise, inspection_report=big))
    # Shown next to the field that holds the file.
    assert "the limit is 10 MB" in " ".join(response.context["form"].errors["inspection_report"])
    assert not Declaration.objects.exists()


def test_another_producer_gets_404(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    client.post("/portal/declarations/new/", form_data(enterprise))
    declaration = Declaration.objects.get()
    other, _ = producer_with_enterprise()
    client.force_login(other)
    assert client.get(f"/portal/declarations/{declaration.pk}/").status_code == 404
    assert client.get(f"/portal/declarations/{declaration.pk}/withdraw/").status_code == 404
    assert (
        client.post(f"/portal/declarations/{declaration.pk}/withdraw/", {"reason": "x", "confirm": "yes"}).status_code
        == 404
    )
    assert Declaration.objects.get().status == "published"


def test_correction_through_the_portal_and_withdrawal_cancels_the_bureaus_task(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    client.post("/portal/declarations/new/", form_data(enterprise))
    declaration = Declaration.objects.get()
    staff = make_member("AMR-330106", Role.STAFF)
    task = Task.objects.get(flow_task_type="HUMAN", status="NEW")
    client.force_login(staff)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    client.post(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]),
        {"outcome": "correction", "comment": "请补充标签样张"},
    )
    client.force_login(producer)
    page = client.get(f"/portal/declarations/{declaration.pk}/").content.decode()
    assert "Send your correction" in page
    client.post(
        f"/portal/declarations/{declaration.pk}/resubmit/", {"comment": "已补充", "correction": png_file("new.png")}
    )
    assert Declaration.objects.get().status == "published"
    assert Task.objects.filter(flow_task_type="HUMAN", status="NEW").count() == 1  # a new check for the bureau
    client.post(f"/portal/declarations/{declaration.pk}/withdraw/", {"reason": "停产", "confirm": "yes"})
    assert Declaration.objects.get().status == "withdrawn"
    assert not Task.objects.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]).exists()


def test_withdrawing_asks_for_confirmation_first_and_a_get_changes_nothing(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    client.post("/portal/declarations/new/", form_data(enterprise))
    declaration = Declaration.objects.get()
    url = f"/portal/declarations/{declaration.pk}/withdraw/"
    detail = client.get(f"/portal/declarations/{declaration.pk}/").content.decode()
    # The detail page links to the confirmation; it holds no form that withdraws at once.
    assert f'href="{url}"' in detail and f'action="{url}"' not in detail
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert declaration.reference in text and "西湖龙井" in text and enterprise.name in text
    assert "What will happen" in text and "Confirm the withdrawal" in text and "Cancel" in text
    assert f'href="/portal/declarations/{declaration.pk}/"' in text  # 取消 goes back
    # A POST without the confirmation button only shows the confirmation again, reason kept.
    again = client.post(url, {"reason": "停产"})
    assert again.status_code == 200 and "Confirm the withdrawal" in again.content.decode()
    assert "停产" in again.content.decode()
    declaration.refresh_from_db()
    assert declaration.status == "published"
    # Confirmed without a reason: refused on the page, nothing changes.
    empty = client.post(url, {"reason": "", "confirm": "yes"})
    assert empty.status_code == 200 and empty.context["form"].errors["reason"]
    assert Declaration.objects.get().status == "published"
    done = client.post(url, {"reason": "停产", "confirm": "yes"})
    assert done["Location"] == f"/portal/declarations/{declaration.pk}/"
    assert Declaration.objects.get().status == "withdrawn"
    # Nothing left to withdraw: the confirmation page sends the producer back with a message.
    assert client.get(url)["Location"] == f"/portal/declarations/{declaration.pk}/"


def test_withdraw_confirmation_reads_in_chinese(client):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    client.post("/portal/declarations/new/", form_data(enterprise))
    declaration = Declaration.objects.get()
    client.cookies["terroir_language"] = "zh-hans"
    with translation.override("zh-hans"):
        text = client.get(f"/portal/declarations/{declaration.pk}/withdraw/").content.decode()
    assert "确认撤回" in text and "取消" in text and "撤回后将发生什么" in text
