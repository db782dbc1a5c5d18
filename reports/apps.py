from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # reports sits on top of the workflows: it adds its flow, its job and its staff menu entries to their lists
        # rather than have the layer below import it.
        from workflows.jobs import JOBS, Job
        from workflows.navigation import EXTRA_LINKS
        from workflows.registry import FLOW_VIEWSETS
        from workflows.viewsets import TerroirFlowViewset

        from . import (
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            documents,
            notices,
        )
        from .flows import StatisticsReportFlow
        from .navigation import dashboard_link, statistics_link
        from .services import open_due_periods

        notices.register_kinds()
        documents.register_kinds()
        if not any(viewset._flow_class is StatisticsReportFlow for viewset in FLOW_VIEWSETS):
            FLOW_VIEWSETS.append(TerroirFlowViewset(StatisticsReportFlow, icon="bar_chart"))
        if statistics_link not in EXTRA_LINKS:
            EXTRA_LINKS.extend([statistics_link, dashboard_link])
        if not any(job.name == "open_statistics_periods" for job in JOBS):
            # Daily is enough: a period opens 30 days before its due date.
            JOBS.append(Job("open_statistics_periods", open_due_periods, every_seconds=3600))
