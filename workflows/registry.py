"""The flows shown in the staff frontend."""

from viewflow.workflow.flow import FlowViewset

from .applications.flows import ApplicationFlow
from .declarations.flows import DeclarationFlow
from .enforcement.flows import EnforcementCaseFlow
from .products.flows import ProductRevocationFlow
from .supervision.flows import SupervisionCheckFlow

FLOW_VIEWSETS: list = [
    FlowViewset(ApplicationFlow, icon="assignment"),
    FlowViewset(DeclarationFlow, icon="verified"),
    FlowViewset(SupervisionCheckFlow, icon="fact_check"),
    FlowViewset(ProductRevocationFlow, icon="block"),
    FlowViewset(EnforcementCaseFlow, icon="gavel"),
]
