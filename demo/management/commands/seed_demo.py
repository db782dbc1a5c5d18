"""Idempotent demo data: people for every persona, enterprises, real protected GI products.

`--reset` first wipes the casework, so a tester can replay the journeys."""

import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from organizations.credit_code import credit_code_check_character
from organizations.models import Department, Enterprise, Region
from organizations.services import enterprise_account_link, enterprise_register, membership_grant
from workflows.products.actions import import_protected

from ...casework import seed_casework, wipe_casework
from ...personas import DEMO_PASSWORD, ENTERPRISES, STAFF

PRODUCTS_FILE = Path(__file__).resolve().parents[2] / "data" / "gi_products.json"


def _date(value: str | None) -> datetime.date | None:
    """The approval announcement's date (YYYY-MM-DD) where the data gives it."""
    return datetime.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo's people, enterprises and protected products."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First wipe all casework (cases, processes, clocks, documents, notifications, reports) "
            "and the protected products, then seed fresh casework. People and enterprises stay.",
        )

    def handle(self, *args, **options):
        if options["reset"]:
            wiped = wipe_casework()
            self.stdout.write(f"Demo casework wiped ({wiped} records).")
        with transaction.atomic():
            self._users_and_roles()
            self._enterprises()
            created = self._products()
        with transaction.atomic():
            casework = seed_casework()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} new products)."))
        if casework:
            self.stdout.write(f"Demo casework started: {', '.join(casework)}.")
        self._print_logins()

    def _user(self, username: str, full_name: str, **extra):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@demo.terroir.localhost", **extra}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    def _users_and_roles(self) -> None:
        self._user("admin", "系统管理员", is_staff=True, is_superuser=True)
        for persona in STAFF:
            user = self._user(persona.username, persona.full_name)
            department = Department.objects.get(code=persona.department_code)
            for role in persona.roles:
                membership_grant(actor=None, user=user, department=department, role=role)

    def _enterprises(self) -> None:
        for persona in ENTERPRISES:
            user = self._user(persona.username, persona.full_name)
            credit_code = persona.credit_code_stem + credit_code_check_character(persona.credit_code_stem)
            enterprise = Enterprise.objects.filter(credit_code=credit_code).first() or enterprise_register(
                actor=None,
                name=persona.enterprise_name,
                credit_code=credit_code,
                kind=persona.kind,
                region=Region.objects.get(code=persona.region_code),
            )
            enterprise_account_link(actor=None, user=user, enterprise=enterprise)

    def _products(self) -> int:
        created_count = 0
        regions = {region.code: region for region in Region.objects.all()}
        for item in json.loads(PRODUCTS_FILE.read_text(encoding="utf-8")):
            _product, created = import_protected(
                actor=None,
                name=item["name"],
                name_en=item.get("name_en") or "",
                category=item["category"],
                province=regions[item["province_code"]],
                area=[regions[code] for code in item["area_region_codes"]],
                announcement_number=item.get("announcement_number") or "",
                announcement_year=item.get("announcement_year"),
                protected_since=_date(item.get("announcement_date")),
                authority=item.get("authority") or "",
                standard=item.get("standard") or "",
                quality_summary=item.get("quality_summary") or "",
            )
            created_count += created
        return created_count

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        rows = [("admin", "administrator (Django admin at /admin/)")]
        rows += [(p.username, p.description) for p in STAFF]
        rows += [(p.username, p.description) for p in ENTERPRISES]
        width = max(len(username) for username, _ in rows)
        for username, description in rows:
            self.stdout.write(f"  {username.ljust(width)}  {description}")
