"""How much to seed, and who the benchmarks sign in as."""

import datetime
from dataclasses import dataclass

BENCH_PASSWORD = "bench-volume-password"  # noqa: S105 (a benchmark persona on loopback)
FOCUS_PROVINCE = "330000"  # 浙江省
FOCUS_COUNTY = "330106"  # 西湖区: 西湖龙井
FOCUS_SHARE = 0.01  # the focus county's share of the country's declarations and cases
OPEN_SHARE = 0.02  # declaration processes still waiting for their in-process check
PERSONAS = {"staff": "bench.staff", "lead": "bench.lead"}
# The lead persona's approvals (open enforcement cases of the focus county at a lead's step): as many
# at every size as the 1,000,000-task seed draws (20,000 cases, the newest fifth open, FOCUS_SHARE of
# them in the focus county, 3 of the 13 human steps a lead's: about 9). Drawn by chance, a 10,000-task
# seed (40 open cases) gave the lead none, and its 我的工作 at 10k was an empty page against a list
# of approvals at 1M: the ratio compared unlike pages.
FOCUS_LEAD_APPROVALS = 9
EPOCH = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Volume:
    """Sizes follow the number of viewflow tasks; every other count scales with it."""

    tasks: int

    def scaled(self, at_full_scale: int, minimum: int = 1) -> int:
        return max(minimum, round(at_full_scale * self.tasks / 1_000_000))

    @property
    def products(self) -> int:
        return self.scaled(5_000, minimum=50)

    @property
    def enterprises(self) -> int:
        return self.scaled(250_000, minimum=100)

    @property
    def declarations(self) -> int:
        return self.scaled(500_000, minimum=200)

    @property
    def enforcement_cases(self) -> int:
        return self.scaled(20_000, minimum=20)
