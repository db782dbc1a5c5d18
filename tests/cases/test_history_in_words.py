"""Staff histories read as sentences (cases/common/history.py): when, which body and person, what was
done by its declared name, where it led by the status's name, and the opinion; never a code."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import translation

from audit.actions import label_of, registered_actions
from audit.models import AuditEvent
from audit.services import audit_record
from cases.common.history import narrate, staff_history
from cases.enforcement.choices import EnforcementAction
from cases.models import EnforcementCase, Objection
from cases.objections.choices import ObjectionAction
from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import draft_application
from tests.factories.enforcement import received_case

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime.datetime(2026, 12, 7, 9, 12, tzinfo=SHANGHAI)
CASE_STATES = dict(EnforcementCase.Status.choices)
# Every action a kind of Terroir declares (tests declare throwaway ones of their own).
ACTIONS = sorted(value for value, kind in registered_actions().items() if not kind.__module__.startswith("tests."))


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def event(action: str, **fields) -> AuditEvent:
    """An event as the chain holds it, without a database: the system's, unless an actor is given."""
    return AuditEvent(
        action=action,
        occurred_at=fields.pop("occurred_at", AT),
        actor_label=fields.pop("actor_label", "system"),
        **fields,
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_every_registered_action_reads_as_its_label_never_its_code(action):
    sentence = str(narrate(event(action, from_state="draft", to_state="submitted", data={"x": True}), {}))
    assert label_of(action) in sentence
    assert action not in sentence
    assert not re.search(r"[a-z]+\.[a-z_]+", sentence), sentence  # no dotted code of any kind
    assert "True" not in sentence and "draft" not in sentence and "submitted" not in sentence


def test_every_registered_action_has_a_chinese_label_of_its_own():
    english = {}
    with translation.override("en"):
        english = {action: label_of(action) for action in ACTIONS}
    untranslated = [action for action in ACTIONS if label_of(action) in ("", action, english[action])]
    assert untranslated == []
    assert all(re.search(r"[\u4e00-\u9fff]", label_of(action)) for action in ACTIONS)


def test_a_status_change_reads_as_the_status_names():
    sentence = str(
        narrate(
            event(EnforcementAction.VERIFY, from_state="verifying", to_state="filing_decision", comment="属实"),
            CASE_STATES,
        )
    )
    assert sentence == "2026-12-07 09:12 系统 核查线索 → 待决定是否立案：属实"
    assert "filing_decision" not in sentence and "verifying" not in sentence


def test_an_unknown_or_unchanged_state_is_left_out_not_shown_as_code():
    unknown = str(narrate(event(EnforcementAction.NOTE, to_state="some_old_state"), CASE_STATES))
    unchanged = str(
        narrate(event(EnforcementAction.NOTE, from_state="investigating", to_state="investigating"), CASE_STATES)
    )
    assert unknown == "2026-12-07 09:12 系统 备注" and unchanged == "2026-12-07 09:12 系统 备注"


def test_an_action_no_kind_declares_reads_as_another_entry():
    assert str(narrate(event("enforcement.retired_step"), CASE_STATES)) == "2026-12-07 09:12 系统 其他记录"


def test_a_boolean_reads_as_yes_or_no_or_is_left_out():
    major = str(narrate(event(EnforcementAction.FILING_FILE, data={"major": True, "officers": [3, 4]}), {}))
    minor = str(narrate(event(EnforcementAction.FILING_FILE, data={"major": False, "officers": [3, 4]}), {}))
    assert major.endswith("决定立案（重大案件：是）") and minor.endswith("决定立案（重大案件：否）")
    quiet = str(narrate(event("check.compliant", data={"referred": False, "evidence": ["a" * 64]}), {}))
    referred = str(narrate(event("check.rectification", data={"referred": True, "evidence": []}), {}))
    assert quiet.endswith("检查合格") and referred.endswith("检查后责令整改（已移送执法）")
    for sentence in (major, minor, quiet, referred):
        assert "True" not in sentence and "False" not in sentence and "referred" not in sentence


def test_values_of_the_data_read_in_words_and_internal_ones_stay_out():
    served = str(
        narrate(event(EnforcementAction.SERVE_NOTICE, data={"served_on": "2026-12-01", "method": "direct"}), {})
    )
    assert served.endswith("送达行政处罚告知书（直接送达，2026-12-01）") and "direct" not in served
    penalty = str(narrate(event(EnforcementAction.DECIDE_PENALTY, data={"fine": "20000", "confiscation": None}), {}))
    assert penalty.endswith("作出决定：给予行政处罚（罚款20000元）")
    issued = str(
        narrate(
            event(
                "document.issue",
                data={"kind": "enforcement.notice", "number": "杭市监罚告〔2026〕1号", "sha256": "ab" * 32},
            ),
            {},
        )
    )
    assert (
        issued.endswith("出具文书（杭市监罚告〔2026〕1号）")
        and "enforcement.notice" not in issued
        and "abab" not in issued
    )
    ground = str(narrate(event("product.revocation.propose", data={"ground": "not_used", "revocation": "CX-1"}), {}))
    assert "not_used" not in ground and "（" in ground


def test_the_time_is_local_whatever_zone_the_event_was_stored_in():
    stored = AT.astimezone(datetime.UTC)  # 01:12 UTC
    assert str(narrate(event(EnforcementAction.NOTE, occurred_at=stored), {})).startswith("2026-12-07 09:12 ")


@pytest.mark.django_db
def test_a_person_reads_as_their_department_and_full_name_never_their_username():
    inspector = make_member("AMR-330100", Role.INSPECTOR, username="yangfan", full_name="杨帆")
    case = received_case(actor=inspector, summary="举报某店销售假冒西湖龙井")
    (sentence,) = staff_history(case).sentences
    assert sentence.body == "杭州市市场监督管理局" and sentence.person == "杨帆"
    assert str(sentence).endswith("杭州市市场监督管理局 杨帆 接收线索 → 线索核查中：举报某店销售假冒西湖龙井")
    assert "yangfan" not in str(sentence)


@pytest.mark.django_db
def test_an_applicant_reads_as_their_enterprise_and_the_system_as_such():
    user, application = draft_application()
    sentences = staff_history(application).sentences
    assert sentences[0].body == application.applicant.name and sentences[0].person == user.full_name
    assert str(sentences[0]).endswith(f"{application.applicant.name} {user.full_name} 创建草稿 → 草稿")


@pytest.mark.django_db
def test_an_objections_state_is_named_by_the_objection_not_the_application():
    from cases.applications.selectors import application_staff_history

    _user, application = draft_application()
    with transaction.atomic():
        audit_record(
            actor=None,
            action=ObjectionAction.REJECT,
            target=application,
            from_state="replied",
            to_state="rejected",
            data={"objection": "DB-1-YY01"},
        )
    last = application_staff_history(application).sentences[-1]
    assert last.what == f"异议不成立 → {Objection.Status.REJECTED.label}（DB-1-YY01）"
