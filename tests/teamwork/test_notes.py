"""The staff's notes on a case (teamwork/, through workflows/team/actions.py): who may write, what an
@mention does, what is recorded, and the thread's cost."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from notifications.models import Notification
from organizations.models import Role
from teamwork.audit_actions import TeamAction
from teamwork.mentions import MAX_MENTIONS, mention_tokens, people_named
from teamwork.models import NOTE_MAX_LENGTH, CaseNote
from tests.clock import travel
from tests.factories import UserFactory, make_member
from tests.factories.enforcement import BUREAU
from workflows.team.actions import case_note_add

pytestmark = pytest.mark.django_db


def test_a_colleague_who_sees_the_case_adds_a_note(bureau, case):
    writer = bureau.inspectors[0]
    outcome = case_note_add(actor=writer, case=case, body="  现场照片已上传，待复核。  ")

    note = CaseNote.objects.get()
    assert (note.case, note.author, note.body) == (case, writer, "现场照片已上传，待复核。")
    assert note.department.code == BUREAU
    event = AuditEvent.objects.get(action=TeamAction.NOTE_ADD)
    assert (event.actor_id, event.target_id, event.comment) == (writer.pk, str(case.pk), note.body)
    assert event.data == {"note": note.pk, "mentioned": []}
    assert outcome.notified == [] and outcome.not_notified == []
    assert not Notification.objects.filter(kind__startswith="team.").exists()


def test_a_mention_by_user_name_or_full_name_notifies_the_colleague(bureau, case):
    writer, by_name, by_login = bureau.inspectors
    body = f"@{by_name.full_name}请核实进货单据，@{by_login.username} 请补充询问笔录。"
    outcome = case_note_add(actor=writer, case=case, body=body)

    assert outcome.notified == [by_name, by_login] and outcome.not_notified == []
    note = CaseNote.objects.get()
    assert set(note.mentioned.all()) == {by_name, by_login}
    told = Notification.objects.filter(kind="team.mentioned").order_by("recipient_id")
    assert [n.recipient for n in told] == sorted([by_name, by_login], key=lambda u: u.pk)
    for notification in told:
        assert notification.link == f"/enforcement/{case.pk}/#notes"
        assert writer.full_name in notification.subject and "请核实进货单据" in notification.body
    assert AuditEvent.objects.get(action=TeamAction.NOTE_ADD).data["mentioned"] == [by_name.pk, by_login.pk]


def test_a_mention_of_someone_who_may_not_see_the_case_or_nobody_stays_text(bureau, case):
    elsewhere = make_member("AMR-350000", Role.INSPECTOR)  # 福建: no sight of a Hangzhou case
    producer = UserFactory()  # not staff at all
    body = f"@{elsewhere.username} @{producer.username} @查无此人 @{bureau.inspectors[0].username}"
    outcome = case_note_add(actor=bureau.inspectors[0], case=case, body=body)

    assert outcome.notified == []  # nor the writer, who mentioned themselves
    assert outcome.not_notified == [f"@{elsewhere.username}", f"@{producer.username}", "@查无此人"]
    assert not Notification.objects.filter(kind__startswith="team.").exists()
    assert list(CaseNote.objects.get().mentioned.all()) == []


def test_two_colleagues_of_one_name_are_not_guessed_between(bureau, case):
    twin = make_member(BUREAU, Role.INSPECTOR, full_name=bureau.inspectors[1].full_name)
    outcome = case_note_add(actor=bureau.lead, case=case, body=f"@{twin.full_name} 请看")
    assert outcome.notified == [] and outcome.not_notified == [f"@{twin.full_name}"]
    outcome = case_note_add(actor=bureau.lead, case=case, body=f"@{twin.username} 请看")
    assert outcome.notified == [twin]


def test_refused_to_someone_who_may_not_see_the_case(case):
    for actor in (make_member("AMR-350000", Role.STAFF), UserFactory()):
        with pytest.raises(PermissionDenied):
            case_note_add(actor=actor, case=case, body="越权备注")
    assert not CaseNote.objects.exists() and not AuditEvent.objects.filter(action=TeamAction.NOTE_ADD).exists()


@pytest.mark.parametrize("body", ["", "   ", "长" * (NOTE_MAX_LENGTH + 1)])
def test_refused_empty_or_too_long(bureau, case, body):
    with pytest.raises(ValidationError):
        case_note_add(actor=bureau.inspectors[0], case=case, body=body)
    assert not CaseNote.objects.exists() and not AuditEvent.objects.filter(action=TeamAction.NOTE_ADD).exists()


def test_mentions_are_read_where_chinese_runs_on():
    assert mention_tokens("@徐明请核实；@xh_county_staff, 和 @a 以及@徐明") == ["徐明请核实", "xh_county_staff", "徐明"]
    assert len(mention_tokens(" ".join(f"@user{n}" for n in range(30)))) == MAX_MENTIONS
    xu = UserFactory(username="xu_ming", full_name="徐明")
    UserFactory(username="xu", full_name="徐")  # a one-character name never matches a prefix
    named = people_named(["徐明请核实", "xu_ming", "徐明"])
    assert named == {"徐明请核实": [xu], "xu_ming": [xu], "徐明": [xu]}
    yang = UserFactory(username="yang", full_name="西湖区局 杨帆")  # the bureau before the name
    assert people_named(["杨帆请复核", "西湖区局"]) == {"杨帆请复核": [yang]}


def _thread_queries(user, case) -> int:
    client = Client()
    client.force_login(user)
    client.get(f"/enforcement/{case.pk}/")  # sessions, content types: once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/enforcement/{case.pk}/").status_code == 200
    return len(queries)


def test_the_thread_costs_the_same_at_2_and_20_notes(bureau, case):
    writers = [bureau.inspectors[0], bureau.inspectors[1], bureau.lead]
    for n in range(2):
        case_note_add(actor=writers[n % 3], case=case, body=f"备注{n} @{bureau.inspectors[2].username}")
    few = _thread_queries(bureau.reviewer, case)
    for n in range(2, 20):
        case_note_add(actor=writers[n % 3], case=case, body=f"备注{n} @{bureau.inspectors[2].username}")
    many = _thread_queries(bureau.reviewer, case)
    assert CaseNote.objects.count() == 20
    assert few == many, (few, many)


def test_the_notes_tag_alone_answers_in_five_queries(bureau, case):
    for n in range(20):
        case_note_add(actor=bureau.inspectors[n % 2], case=case, body=f"备注{n} @{bureau.inspectors[2].username}")
    request = RequestFactory().get("/")
    request.user = bureau.reviewer
    request.session = {}
    template = Template('{% include "workflows/team/case_notes.html" with case=case %}')
    with CaptureQueriesContext(connection) as queries:
        html = template.render(RequestContext(request, {"case": case}))
    assert html.count('class="case-note"') == 20
    # Who sees the case: staff (1), their bureaus' regions (1), the case among them (1); the notes with
    # their authors and bodies (1); whom they mentioned (1). A page has read the first two already.
    assert len(queries) == 5, [query["sql"][:100] for query in queries]


@pytest.mark.on_date("2026-12-07")
def test_a_note_is_named_by_its_beijing_time_not_utc(bureau, case):
    # 01:00 on 8 December in Beijing is 17:00 on 7 December in UTC.
    with travel("2026-12-08T01:00", tick=False):
        case_note_add(actor=bureau.inspectors[0], case=case, body="凌晨补充笔录。")
    assert str(CaseNote.objects.get()).endswith(" 2026-12-08 01:00")
