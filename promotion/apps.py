from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "promotion"
    verbose_name = _("Promotion")

    def ready(self) -> None:
        # Like reports: this app adds its flow, its staff menu entry and its figures to the lists of the
        # layers it sits on, rather than have them import it.
        from workflows.navigation import PROGRAMME_LINKS
        from workflows.registry import FLOW_VIEWSETS
        from workflows.viewsets import TerroirFlowViewset

        from . import (
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            notices,
            statistics_figures,  # noqa: F401  (registers the statistics form's figures)
        )
        from .flows import SitePageFlow
        from .navigation import promotion_link

        notices.register_kinds()
        if not any(viewset._flow_class is SitePageFlow for viewset in FLOW_VIEWSETS):
            FLOW_VIEWSETS.append(TerroirFlowViewset(SitePageFlow, icon="public"))
        if promotion_link not in PROGRAMME_LINKS:
            PROGRAMME_LINKS.append(promotion_link)
