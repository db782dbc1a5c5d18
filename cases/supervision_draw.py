"""The random draw of 双随机: which declarations are checked, and by which two inspectors.

Pure and reproducible: the same candidates, inspectors, conflicts and seed always give the
same draw (Python's Mersenne Twister seeded with the stored string; inputs sorted first).
"""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    declaration_id: int
    enterprise_id: int


@dataclass(frozen=True)
class DrawnCheck:
    position: int
    declaration_id: int
    enterprise_id: int
    inspector_a: int
    inspector_b: int


class DrawImpossible(ValueError):
    """Fewer than two inspectors without a conflict of interest are left for a declaration."""

    def __init__(self, declaration_id: int):
        super().__init__(declaration_id)
        self.declaration_id = declaration_id


def sample_count(total: int, *, size: int | None, percent: int | None) -> int:
    if size is not None:
        return min(size, total)
    # At least one when there is anything to check: a share never rounds a campaign to nothing.
    return min(total, max(1, round(total * (percent or 0) / 100))) if total else 0


def draw(
    *,
    candidates: list[Candidate],
    inspectors: list[int],
    conflicts: set[tuple[int, int]],
    count: int,
    seed: str,
) -> list[DrawnCheck]:
    # Reproducibility is the point here; the seed itself comes from secrets (unpredictable).
    rng = random.Random(seed)  # noqa: S311
    ordered = sorted(candidates, key=lambda c: c.declaration_id)
    chosen = rng.sample(ordered, k=min(count, len(ordered)))
    pool = sorted(set(inspectors))
    drawn = []
    for position, candidate in enumerate(chosen, start=1):
        eligible = [i for i in pool if (i, candidate.enterprise_id) not in conflicts]
        if len(eligible) < 2:
            raise DrawImpossible(candidate.declaration_id)
        first, second = rng.sample(eligible, 2)
        drawn.append(DrawnCheck(position, candidate.declaration_id, candidate.enterprise_id, first, second))
    return drawn
