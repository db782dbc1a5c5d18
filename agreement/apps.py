from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementConfig(AppConfig):
    name = "agreement"
    verbose_name = _("EU–China agreement")

    def ready(self) -> None:
        # Like reports, this app sits on top of the workflows: it adds its flow and its staff menu
        # entry to their lists rather than have the layer below import it.
        from workflows.navigation import PROGRAMME_LINKS
        from workflows.registry import FLOW_VIEWSETS
        from workflows.viewsets import TerroirFlowViewset

        from . import archive_sections, audit_actions  # noqa: F401  (declares this app's audit actions)
        from .flows import AgreementEntryFlow
        from .navigation import agreement_link

        if not any(viewset._flow_class is AgreementEntryFlow for viewset in FLOW_VIEWSETS):
            FLOW_VIEWSETS.append(TerroirFlowViewset(AgreementEntryFlow, icon="public"))
        archive_sections.register()
        if agreement_link not in PROGRAMME_LINKS:
            PROGRAMME_LINKS.append(agreement_link)
