"""Where each figure of the form comes from: the kind of records behind it and the page of each
record. Generic over the registered figures: nothing here knows the models of the other apps."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from viewflow.workflow.models import Process

from cases.models import ProtectedProduct
from workflows.case_search.kinds import KINDS
from workflows.registry import FLOW_VIEWSETS

from .figures import Figure, figure_get
from .models import StatisticsReport
from .selectors import FigureLine, FormRow


@dataclass
class FigureSource:
    row: str  # the form's row and column headings, where the figure is printed
    cell: str
    line: FigureLine
    records: str  # what is counted, e.g. 自我声明 (the model's plural name)


def records_model(figure: Figure, report: StatisticsReport) -> type[models.Model]:
    # Building the queryset runs no query: it only tells which model the figure counts.
    start, end = report.window
    return figure.records(report.province, start, end).model


def figure_sources(report: StatisticsReport, rows: list[FormRow]) -> list[FigureSource]:
    """Every figure printed on the form, in the form's order, with the records it counts."""
    sources = []
    for row in rows:
        for cell in row.cells:
            for line in cell.figures:
                figure = figure_get(line.code)
                if figure is None:
                    continue
                model = records_model(figure, report)
                sources.append(FigureSource(row.label, cell.label, line, str(model._meta.verbose_name_plural)))
    return sources


def _case_url_name(model: type[models.Model]) -> str | None:
    """The case page of a model that is a flow's case (the case search's kinds, the flows' jurisdiction)."""
    flows = [kind.flow_class for kind in KINDS if kind.model is model]
    flows += [
        viewset._flow_class
        for viewset in FLOW_VIEWSETS
        if getattr(getattr(viewset._flow_class, "seen_by_jurisdiction", None), "model", None) is model
    ]
    return next((flow.case_url_name for flow in flows if flow.case_url_name), None)


def _flow_pages(model: type[models.Model], pks: list) -> dict:
    """The staff pages of records that are the cases of a flow: the case page, or else the page
    of the latest process whose case the record is (whatever the flow)."""
    url_name = _case_url_name(model)
    if url_name is not None:
        return {pk: reverse(url_name, args=[pk]) for pk in pks}
    pages = {}
    processes = Process.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(model), artifact_object_id__in=pks
    ).order_by("pk")
    for process in processes:
        flow_class = process.flow_class
        if flow_class.case_url_name:
            pages[process.artifact_object_id] = reverse(flow_class.case_url_name, args=[process.artifact_object_id])
        else:
            pages[process.artifact_object_id] = flow_class.instance.reverse("process_detail", args=[process.pk])
    return pages


# Staff pages of records that are no flow's case and have no get_absolute_url; apps may add theirs.
RECORD_PAGES: dict[type[models.Model], Callable[[Any], str]] = {
    ProtectedProduct: lambda product: reverse("applications:product", args=[product.pk]),
}


def _own_url(figure: Figure, record) -> str:
    try:
        if figure.record_url is not None:
            return figure.record_url(record)
        if hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
        if type(record) in RECORD_PAGES:
            return RECORD_PAGES[type(record)](record)
    except NoReverseMatch:
        # An app whose pages are not installed here: the record is listed without a link.
        return ""
    return ""


def record_links(figure: Figure, records: list) -> list[tuple[object, str]]:
    """Each record with the page that shows it ("" when it has none). One query for a page of cases."""
    if not records:
        return []
    own = {record.pk: _own_url(figure, record) for record in records}
    missing = [pk for pk, url in own.items() if not url]
    flow = _flow_pages(type(records[0]), missing) if missing else {}
    return [(record, own[record.pk] or flow.get(record.pk, "")) for record in records]
