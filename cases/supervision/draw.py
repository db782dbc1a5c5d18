"""The random draw of 双随机: which declarations are checked, and by which two inspectors.

Pure and reproducible: the same candidates, inspectors, conflicts and seed always give the
same draw (Python's Mersenne Twister seeded with the stored string; inputs sorted first).
"""

import random
from collections.abc import Callable
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
    enterprise = {candidate.declaration_id: candidate.enterprise_id for candidate in candidates}
    return draw_by_ids(
        declaration_ids=[candidate.declaration_id for candidate in candidates],
        enterprises_of=lambda chosen: {declaration_id: enterprise[declaration_id] for declaration_id in chosen},
        inspectors=inspectors,
        conflicts=conflicts,
        count=count,
        seed=seed,
    )


def draw_by_ids(
    *,
    declaration_ids: list[int],
    enterprises_of: Callable[[list[int]], dict[int, int]],
    inspectors: list[int],
    conflicts: set[tuple[int, int]],
    count: int,
    seed: str,
    excluded: Callable[[int], set[int]] | None = None,
) -> list[DrawnCheck]:
    """The same draw from the candidates' ids alone: only the chosen ones' enterprises are asked for.

    random.sample picks positions from the length of the sorted ids and the generator alone, so
    sampling the ids gives the declarations that sampling whole candidates gave: a seed stored
    by an earlier draw replays to the same result. `excluded` names, per chosen declaration, the
    inspectors a conflict on its product or region also keeps out (asked after enterprises_of).
    """
    # Reproducibility is the point here; the seed itself comes from secrets (unpredictable).
    rng = random.Random(seed)  # noqa: S311
    ordered = sorted(declaration_ids)
    chosen = rng.sample(ordered, k=min(count, len(ordered)))
    enterprises = enterprises_of(chosen)
    pool = sorted(set(inspectors))
    drawn = []
    for position, declaration_id in enumerate(chosen, start=1):
        enterprise_id = enterprises[declaration_id]
        standing_aside = excluded(declaration_id) if excluded else set()
        eligible = [i for i in pool if (i, enterprise_id) not in conflicts and i not in standing_aside]
        if len(eligible) < 2:
            raise DrawImpossible(declaration_id)
        first, second = rng.sample(eligible, 2)
        drawn.append(DrawnCheck(position, declaration_id, enterprise_id, first, second))
    return drawn
