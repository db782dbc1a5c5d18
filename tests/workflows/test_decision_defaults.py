"""The lead's decision form starts from what the investigation proposed, and the payment form from
what is owed: nobody types again an amount the case already holds."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cases.models import EnforcementCase
from tests.factories.enforcement import hangzhou_bureau
from tests.workflows.test_enforcement_flow import agree, days_ago, file_case, report

pytestmark = pytest.mark.django_db


def _form_of(client, user, case, status, task_name):
    task = agree(case, status, task_name)
    client.force_login(user)
    if task.owner_id != user.pk:
        client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    response = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))
    assert response.status_code == 200
    return response.context["form"]


@pytest.mark.on_date("2026-03-02")  # a plain Monday
def test_decision_form_starts_with_the_proposed_outcome_and_amounts_and_payment_with_the_fine(client):
    bureau = hangzhou_bureau()
    walk = file_case(client, bureau)
    report(walk, bureau, outcome="penalty", fine="12500")
    EnforcementCase.objects.filter(pk=walk.case.pk).update(proposed_confiscation=Decimal("800"))
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "同意"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes"})
    # Served three weeks ago: the party's 5 working days for a defence have run out.
    walk.step(bureau.inspectors[1], "notice", "serve_notice", {"served_on": days_ago(21), "method": "direct"})
    walk.step(bureau.inspectors[1], "defence", "record_defence", {"defence": "当事人称系初犯"})
    walk.step(bureau.inspectors[0], "recheck", "recheck", {"opinion": "维持"})

    form = _form_of(client, bureau.lead, walk.case, "decision", "decide")
    assert form["outcome"].value() == "penalty"
    assert Decimal(form["fine"].value()) == Decimal("12500")
    assert Decimal(form["confiscation"].value()) == Decimal("800")

    walk.step(bureau.lead, "decision", "decide", {"outcome": "penalty", "fine": "10000", "grounds": "依据"})
    walk.step(bureau.inspectors[0], "service", "serve_decision", {"served_on": days_ago(0), "method": "direct"})
    form = _form_of(client, bureau.inspectors[0], walk.case, "execution", "record_execution")
    assert Decimal(form["amount_paid"].value()) == Decimal("10000")  # served today: no late fee
    assert form["paid_on"].value() == timezone.localdate()
