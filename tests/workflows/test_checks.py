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
