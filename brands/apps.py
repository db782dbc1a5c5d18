from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandsConfig(AppConfig):
    name = "brands"
    verbose_name = _("Brand evaluation")

    def ready(self) -> None:
        # brands sits on top of the workflows and the statistics: it adds its flow, its menu entry,
        # its dossier files and its figures to their lists rather than have the layers below import it.
        from cases.views.files import VISIBLE_FILES
        from reports.dashboard import register_target_count
        from workflows.navigation import PROGRAMME_LINKS
        from workflows.registry import FLOW_VIEWSETS
        from workflows.viewsets import TerroirFlowViewset

        from . import (
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            notices,
            statistics_figures,  # noqa: F401  (registers the form's brand figures)
        )
        from .flows import BrandRoundFlow
        from .navigation import brands_link
        from .selectors import dossier_files_visible_to, top_count

        notices.register_kinds()
        if not any(viewset._flow_class is BrandRoundFlow for viewset in FLOW_VIEWSETS):
            FLOW_VIEWSETS.append(TerroirFlowViewset(BrandRoundFlow, icon="emoji_events"))
        if brands_link not in PROGRAMME_LINKS:
            PROGRAMME_LINKS.append(brands_link)
        VISIBLE_FILES.setdefault("brand_dossier", dossier_files_visible_to)
        register_target_count("brands", top_count)
        from . import archive_sections

        archive_sections.register()
