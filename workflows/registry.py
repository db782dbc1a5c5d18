"""The flows shown in the staff frontend."""

from .applications.flows import ApplicationFlow
from .declarations.flows import DeclarationFlow
from .enforcement.flows import EnforcementCaseFlow
from .products.flows import ProductRevocationFlow
from .supervision.flows import SupervisionCheckFlow
from .viewsets import TerroirFlowViewset

FLOW_VIEWSETS: list = [
    TerroirFlowViewset(ApplicationFlow, icon="assignment"),
    TerroirFlowViewset(DeclarationFlow, icon="verified"),
    TerroirFlowViewset(SupervisionCheckFlow, icon="fact_check"),
    TerroirFlowViewset(ProductRevocationFlow, icon="block"),
    TerroirFlowViewset(EnforcementCaseFlow, icon="gavel"),
]
