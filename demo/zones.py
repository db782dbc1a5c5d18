"""Demo demonstration zone: 五常市人民政府's application for 五常大米, entered by the 五常市 bureau and
not yet submitted (the producers' count and output share are the government's to state; the demo
invents no figures of a real place). Made through zones.actions, like real work."""

from django.contrib.auth import get_user_model

from cases.models import ProtectedProduct
from organizations.models import Region
from zones import actions
from zones.models import Zone


def seed_zones() -> list[str]:
    product = ProtectedProduct.objects.filter(name="五常大米").first()
    region = Region.objects.filter(code="230184").first()
    if product is None or region is None or Zone.objects.exists():
        return []
    staff = get_user_model().objects.get(username="wc_county_staff")
    zone = actions.zone_create(actor=staff, government="五常市人民政府", region=region)
    actions.zone_update(actor=staff, zone=zone, answers={}, products=[product])
    return ["demonstration zone"]
