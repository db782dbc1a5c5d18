"""Migration 0015: a suspension or termination proposed on an open process moves onto its case."""

from importlib import import_module

import pytest
from django.apps import apps

from cases.models import EnforcementCase
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = pytest.mark.django_db

migration = import_module("cases.migrations.0015_enforcement_routing_on_case")


def _process(case):
    return EnforcementCaseFlow.process_class.objects.get(flow_class=EnforcementCaseFlow, artifact_object_id=case.pk)


def test_an_open_process_proposal_moves_onto_its_case_and_leaves_the_process_data():
    bureau = hangzhou_bureau()
    proposed, answered = received_case(actor=bureau.inspectors[0]), received_case(actor=bureau.inspectors[0])
    for case, value in ((proposed, "terminate"), (answered, "")):
        process = _process(case)
        process.data = {**process.data, "interruption": value}
        process.save(update_fields=["data"])

    migration.proposals_onto_cases(apps, None)

    assert EnforcementCase.objects.get(pk=proposed.pk).proposed_interruption == "terminate"
    assert EnforcementCase.objects.get(pk=answered.pk).proposed_interruption == ""
    for case in (proposed, answered):
        data = _process(case).data
        assert "interruption" not in data and data["number"] == case.number  # the summary stays

    migration.proposals_back_onto_processes(apps, None)
    assert _process(proposed).data["interruption"] == "terminate"
