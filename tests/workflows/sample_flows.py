"""A minimal real flow for tests of the worker's machinery."""

from viewflow import this
from viewflow.workflow import flow


class SampleFlow(flow.Flow):
    start = flow.StartHandle().Next(this.end)
    end = flow.End()
