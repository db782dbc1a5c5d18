"""Settings for the benchmarks in bench/: the developer settings plus the bench-only app.

The `bench` package becomes an installed app so that viewflow can reference the plain flow that
bench/bench_completions.py compares against (viewflow stores a flow as "<app label>/<module>.<class>"
and refuses a flow outside INSTALLED_APPS). Nothing in it is reachable from the product: the flow is
registered in no URLconf, menu or viewset, and no other settings module installs the app.
"""

from .local import *  # noqa: F403

DEBUG = False  # DEBUG keeps every query in memory and slows the ORM down
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
