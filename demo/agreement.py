"""The demo's EU–China agreement lists: only names of the agreement's public annexes (DOMAIN.md §9,
docs/adr/0052), loaded from demo/data/agreement_lists.csv through the same door as the command."""

from pathlib import Path

from agreement.actions import load_list
from agreement.models import AgreementEntry

LISTS = Path(__file__).resolve().parent / "data" / "agreement_lists.csv"


def seed_agreement() -> list[str]:
    if AgreementEntry.objects.exists():
        return []
    load_list(actor=None, data=LISTS.read_bytes())
    return ["EU–China agreement lists"]
