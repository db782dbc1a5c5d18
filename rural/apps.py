from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuralConfig(AppConfig):
    name = "rural"
    verbose_name = _("Rural revitalisation")

    def ready(self) -> None:
        # rural sits on top of the workflows and the statistics form: it adds its flow, menu entry
        # and figures to their lists rather than have the layers below import it.
        from workflows.navigation import PROGRAMME_LINKS
        from workflows.registry import FLOW_VIEWSETS
        from workflows.viewsets import TerroirFlowViewset

        from . import (
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            notices,
            statistics_figures,  # noqa: F401  (registers the poverty row's figures)
        )
        from .flows import RuralProjectFlow
        from .navigation import rural_link

        notices.register_kinds()
        if not any(viewset._flow_class is RuralProjectFlow for viewset in FLOW_VIEWSETS):
            FLOW_VIEWSETS.append(TerroirFlowViewset(RuralProjectFlow, icon="agriculture"))
        if rural_link not in PROGRAMME_LINKS:
            PROGRAMME_LINKS.append(rural_link)
