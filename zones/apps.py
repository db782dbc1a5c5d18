from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "zones"
    verbose_name = _("Demonstration zones")

    def ready(self) -> None:
        # zones sits on top of the workflows and reports: it adds its flow, its clocks, its figures,
        # its dashboard count and its menu entry to their lists rather than have them import it.
        from reports.dashboard import register_target_count
        from workflows.navigation import PROGRAMME_LINKS
        from workflows.registry import FLOW_VIEWSETS
        from workflows.viewsets import TerroirFlowViewset

        from . import (
            archive_sections,
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            clocks,
            notices,
            statistics_figures,
        )
        from .flows import ZoneFlow
        from .navigation import zones_link
        from .statistics_figures import zones_named_in_year

        archive_sections.register()
        clocks.register_rules()
        notices.register_kinds()
        statistics_figures.register()
        register_target_count("zones", zones_named_in_year)
        if not any(viewset._flow_class is ZoneFlow for viewset in FLOW_VIEWSETS):
            FLOW_VIEWSETS.append(TerroirFlowViewset(ZoneFlow, icon="flag"))
        if zones_link not in PROGRAMME_LINKS:
            PROGRAMME_LINKS.append(zones_link)
