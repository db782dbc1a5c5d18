"""Hypothesis drives the declaration's transitions at random: it never leaves the declared graph."""

from django_fsm import TransitionNotAllowed
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from hypothesis.strategies import sampled_from

from cases.models import Declaration

S = Declaration.Status
GRAPH = {
    "declare": ({S.DRAFT}, S.PUBLISHED),
    "request_correction": ({S.PUBLISHED}, S.CORRECTION_REQUESTED),
    "resubmit": ({S.CORRECTION_REQUESTED}, S.PUBLISHED),
    "suspend": ({S.PUBLISHED, S.CORRECTION_REQUESTED}, S.SUSPENDED),
    "start_check": ({S.PUBLISHED}, S.UNDER_CHECK),
    "find_compliant": ({S.UNDER_CHECK, S.RECTIFICATION}, S.PUBLISHED),
    "order_rectification": ({S.UNDER_CHECK}, S.RECTIFICATION),
    "revoke": ({S.PUBLISHED, S.CORRECTION_REQUESTED, S.UNDER_CHECK, S.RECTIFICATION, S.SUSPENDED}, S.REVOKED),
    "withdraw": ({S.DRAFT, S.PUBLISHED, S.CORRECTION_REQUESTED, S.SUSPENDED}, S.WITHDRAWN),
}


def test_the_model_declares_exactly_this_graph():
    flattened: dict = {}
    # django-fsm yields one transition per (name, source).
    for transition in Declaration._meta.get_field("status").get_all_transitions(Declaration):
        sources, _target = flattened.get(transition.name, (set(), transition.target))
        flattened[transition.name] = (sources | {transition.source}, transition.target)
    assert flattened == {name: (set(sources), target) for name, (sources, target) in GRAPH.items()}


class DeclarationLifecycle(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # An unsaved instance: the state machine is the model's, no database needed.
        self.declaration = Declaration()
        self.expected = S.DRAFT

    @rule(name=sampled_from(sorted(GRAPH)))
    def attempt(self, name):
        sources, target = GRAPH[name]
        if self.expected in sources:
            getattr(self.declaration, name)()
            self.expected = target
        else:
            try:
                getattr(self.declaration, name)()
            except TransitionNotAllowed:
                pass
            else:
                raise AssertionError(f"{name} was allowed from {self.expected}")

    @invariant()
    def status_is_known_and_as_expected(self):
        assert self.declaration.status in S.values
        assert self.declaration.status == self.expected
        assert self.declaration.is_authorised == (self.expected in Declaration.AUTHORISED_STATES)


DeclarationLifecycle.TestCase.settings = settings(max_examples=200, stateful_step_count=30, deadline=None)
TestDeclarationLifecycle = DeclarationLifecycle.TestCase
