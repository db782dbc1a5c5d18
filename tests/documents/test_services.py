"""Issuing: numbered per kind and year, hashed, stored once, immutable, nothing left by a failure."""

import datetime
import hashlib

import pytest
from django.db import transaction

from audit.models import AuditEvent
from documents.jobs import sweep_orphan_documents
from documents.kinds import UnknownDocumentKind, register_kind
from documents.models import Document, DocumentImmutable
from documents.services import DocumentOutsideTransaction, document_intact, document_render
from organizations.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return Department.objects.get(code="AMR-330000")


@pytest.fixture
def second_kind():
    register_kind(
        "test.decision",
        label="decision",
        template="documents/notice.html",
        number_format="决定〔{year}〕{serial}号",
        can_view=lambda user, document: True,
    )


def issue(case, kind="documents.notice", **context):
    with transaction.atomic():
        return document_render(
            kind=kind,
            target=case,
            actor=None,
            title="关于开展监督检查的通知",
            context={"authority": "浙江省市场监督管理局", "paragraphs": ["正文"], **context},
        )


def stored_files(media_root):
    return sorted(p for p in (media_root / "documents").rglob("*.pdf")) if (media_root / "documents").exists() else []


def test_numbers_run_per_kind_and_year_and_each_file_is_hashed(case, second_kind, media_root):
    first, second = issue(case), issue(case)
    decision = issue(case, kind="test.decision")
    year = first.year
    assert (first.serial, second.serial, decision.serial) == (1, 2, 1)
    assert first.number == f"通知〔{year}〕1号" and decision.number == f"决定〔{year}〕1号"
    data = first.file.open("rb").read()
    assert data.startswith(b"%PDF-") and hashlib.sha256(data).hexdigest() == first.sha256 == first.sha256
    assert first.size == len(data) and document_intact(first)
    assert len(stored_files(media_root)) == 3
    event = AuditEvent.objects.get(action="document.issue", data__number=first.number)
    assert event.data["sha256"] == first.sha256


def test_a_new_year_starts_again_at_one(case, monkeypatch):
    from documents import services

    issue(case)
    next_year = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)
    monkeypatch.setattr(services.timezone, "now", lambda: next_year)
    document = issue(case)
    assert (document.year, document.serial, document.number) == (2027, 1, "通知〔2027〕1号")


def test_an_issued_document_cannot_be_changed_or_deleted(case):
    document = issue(case)
    document.title = "改过的标题"
    with pytest.raises(DocumentImmutable):
        document.save()
    with pytest.raises(DocumentImmutable):
        document.delete()
    assert Document.objects.get(pk=document.pk).title == "关于开展监督检查的通知"


def test_a_tampered_file_is_detected(case):
    document = issue(case)
    with open(document.file.path, "ab") as stored:
        stored.write(b"%tampered")
    assert not document_intact(document)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_or_of_an_unknown_kind_nothing_is_issued(reference_data, case, media_root):
    with pytest.raises(DocumentOutsideTransaction):
        document_render(kind="documents.notice", target=case, actor=None, title="x")
    with pytest.raises(UnknownDocumentKind), transaction.atomic():
        document_render(kind="no.such.kind", target=case, actor=None, title="x")
    assert Document.objects.count() == 0 and stored_files(media_root) == []


def test_a_render_error_stores_nothing(case, media_root, monkeypatch):
    from documents import services

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(services, "render_pdf", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        document_render(kind="documents.notice", target=case, actor=None, title="x")
    assert Document.objects.count() == 0 and stored_files(media_root) == []


@pytest.mark.real_clock  # the sweeper compares file times (the system's clock) with now
def test_a_rolled_back_issue_leaves_a_file_that_the_sweeper_removes(case, media_root):
    kept = issue(case)

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        document_render(kind="documents.notice", target=case, actor=None, title="x", context={})
        raise Abort
    assert Document.objects.count() == 1
    assert len(stored_files(media_root)) == 2
    assert sweep_orphan_documents(min_age=datetime.timedelta(hours=1)) == 0  # too young to judge
    assert sweep_orphan_documents(min_age=datetime.timedelta(0)) == 1
    assert stored_files(media_root) == [media_root / kept.file.name]
    # The rolled-back number is issued again: no gap.
    assert issue(case).serial == 2
