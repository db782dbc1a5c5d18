from viewflow import this
from viewflow.workflow import flow

from workflows.checks import flows_have_a_real_lock


def test_project_flows_pass_the_lock_check():
    # Ignores the deliberately unlocked flow the next test defines (class objects outlive tests).
    assert [error for error in flows_have_a_real_lock() if error.obj.__module__ != __name__] == []


def test_a_flow_without_a_lock_fails_the_check():
    class UnlockedFlow(flow.Flow):
        start = flow.StartHandle().Next(this.end)
        end = flow.End()

    errors = [error for error in flows_have_a_real_lock() if error.obj is UnlockedFlow]
    assert len(errors) == 1 and errors[0].id == "terroir.E001"


def test_staff_flows_limit_what_they_show(monkeypatch):
    from viewflow.workflow.flow import FlowViewset

    from tests.workflows.sample_flows import SampleFlow
    from workflows import registry
    from workflows.checks import staff_flows_limit_what_they_show

    assert staff_flows_limit_what_they_show() == []
    # A flow without visible_artifacts, shown by viewflow's own viewset: both are reported.
    monkeypatch.setattr(registry, "FLOW_VIEWSETS", [*registry.FLOW_VIEWSETS, FlowViewset(SampleFlow)])
    assert sorted(error.id for error in staff_flows_limit_what_they_show()) == ["terroir.E002", "terroir.E003"]


def test_every_human_task_can_be_completed_through_the_api(monkeypatch):
    from tests.workflows.sample_flows import RoutedFlow
    from workflows import registry, task_actions
    from workflows.checks import human_tasks_complete_through_the_api
    from workflows.viewsets import TerroirFlowViewset

    assert human_tasks_complete_through_the_api() == []
    # A human task whose page names no decision function is reported, unless listed as page-only.
    monkeypatch.setattr(registry, "FLOW_VIEWSETS", [*registry.FLOW_VIEWSETS, TerroirFlowViewset(RoutedFlow)])
    errors = human_tasks_complete_through_the_api()
    assert [(error.id, error.obj) for error in errors] == [("terroir.E004", RoutedFlow)]
    monkeypatch.setitem(task_actions.PAGE_ONLY, ("RoutedFlow", "review"), "a sample with nothing to decide")
    assert human_tasks_complete_through_the_api() == []
