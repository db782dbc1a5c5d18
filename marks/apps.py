from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarksConfig(AppConfig):
    name = "marks"
    verbose_name = _("Special marks")

    def ready(self) -> None:
        # marks sits on top of the workflows, like reports: it adds its jobs, menu entry and
        # statistics figures to their lists rather than have the layers below import it.
        from workflows.declarations.usage_due import NEXT_USAGE_REPORT
        from workflows.jobs import JOBS, Job
        from workflows.navigation import PROGRAMME_LINKS

        from . import archive_sections, audit_actions, notices, statistics_figures  # noqa: F401  (registers actions and figures)
        from .jobs import open_non_use_checks, remind_usage_reports
        from .navigation import marks_link
        from .selectors import next_usage_report

        archive_sections.register()
        notices.register_kinds()
        if marks_link not in PROGRAMME_LINKS:
            PROGRAMME_LINKS.append(marks_link)
        if next_usage_report not in NEXT_USAGE_REPORT:
            NEXT_USAGE_REPORT.append(next_usage_report)
        if not any(job.name == "remind_usage_reports" for job in JOBS):
            # Whole days count: hourly is more than enough, and each due is reminded once.
            JOBS.append(Job("remind_usage_reports", remind_usage_reports, every_seconds=3600))
            # The two-year non-use rule: once a day (ADR 0055).
            JOBS.append(Job("open_non_use_checks", open_non_use_checks, every_seconds=86400))
