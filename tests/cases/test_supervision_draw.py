from hypothesis import given
from hypothesis import strategies as st

from cases.supervision.draw import Candidate, DrawImpossible, draw, sample_count

CANDIDATES = [Candidate(declaration_id=i, enterprise_id=100 + i % 7) for i in range(1, 61)]
INSPECTORS = [1, 2, 3, 4, 5, 6]


def test_same_seed_same_draw_and_another_seed_another_draw():
    first = draw(candidates=CANDIDATES, inspectors=INSPECTORS, conflicts=set(), count=10, seed="abc")
    again = draw(
        candidates=list(reversed(CANDIDATES)),
        inspectors=list(reversed(INSPECTORS)),
        conflicts=set(),
        count=10,
        seed="abc",
    )
    other = draw(candidates=CANDIDATES, inspectors=INSPECTORS, conflicts=set(), count=10, seed="abd")
    assert first == again
    assert first != other


@given(
    seed=st.text(min_size=1, max_size=20),
    count=st.integers(min_value=0, max_value=80),
    conflicts=st.sets(st.tuples(st.sampled_from(INSPECTORS), st.integers(min_value=100, max_value=106)), max_size=12),
)
def test_conflicted_inspectors_are_never_drawn_and_pairs_are_distinct(seed, count, conflicts):
    try:
        checks = draw(candidates=CANDIDATES, inspectors=INSPECTORS, conflicts=conflicts, count=count, seed=seed)
    except DrawImpossible as impossible:
        enterprise = 100 + impossible.declaration_id % 7
        assert len([i for i in INSPECTORS if (i, enterprise) not in conflicts]) < 2
        return
    assert len(checks) == min(count, len(CANDIDATES))
    assert len({check.declaration_id for check in checks}) == len(checks)
    for check in checks:
        assert check.inspector_a != check.inspector_b
        assert (check.inspector_a, check.enterprise_id) not in conflicts
        assert (check.inspector_b, check.enterprise_id) not in conflicts


def test_sample_count_by_size_or_share():
    assert sample_count(60, size=10, percent=None) == 10
    assert sample_count(5, size=10, percent=None) == 5
    assert sample_count(60, size=None, percent=5) == 3
    assert sample_count(10, size=None, percent=1) == 1
    assert sample_count(0, size=None, percent=50) == 0
