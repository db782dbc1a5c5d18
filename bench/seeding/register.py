"""The register and the people: personas, county workers, products, enterprises, declarations."""

import datetime

from .audit import worker
from .volume import BENCH_PASSWORD, EPOCH, FOCUS_COUNTY, FOCUS_PROVINCE, PERSONAS


class RegisterSeeding:
    """Seeder steps for who works where and what the register holds (mixed into Seeder)."""

    # -- who works where ---------------------------------------------------------------

    def personas(self):
        from accounts.models import User
        from organizations.models import Department, Role
        from organizations.services import membership_grant

        county = Department.objects.get(region__code=FOCUS_COUNTY)
        province = Department.objects.get(region__code=FOCUS_PROVINCE)
        users = {}
        for key, username in PERSONAS.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"full_name": f"基准{key}", "email": f"{username}@example.org"}
            )
            if created:
                user.set_password(BENCH_PASSWORD)
                user.save()
            role = Role.STAFF if key == "staff" else Role.LEAD
            for department in (county, province):
                if not user.memberships.filter(department=department, role=role).exists():
                    membership_grant(actor=None, user=user, department=department, role=role)
            users[key] = user
        self.users = users
        self.county = county
        self.province = province

    def regions(self):
        from organizations.models import Department, Region

        counties = list(Region.objects.filter(level=Region.Level.COUNTY).values_list("pk", "code"))
        self.counties = counties
        self.focus_county_pk = Region.objects.get(code=FOCUS_COUNTY).pk
        self.provinces = list(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", flat=True))
        self.bureau_of_region = dict(Department.objects.filter(region__isnull=False).values_list("region_id", "pk"))

    def county_workers(self):
        """One staff member and one lead per county bureau, who did that county's past work; in
        the focus county, the personas. (One person owning the whole country's archive would
        measure a page nobody has.)"""
        from django.contrib.auth.hashers import make_password

        from accounts.models import User

        first = self.writer.next_id(User)
        unusable = make_password(None)
        rows, self.workers = [], {}
        for number, (county_pk, code) in enumerate(self.counties):
            if county_pk == self.focus_county_pk:
                for role in ("staff", "lead"):
                    self.workers[(county_pk, role)] = self.users[role]
                continue
            for offset, role in enumerate(("staff", "lead")):
                pk = first + 2 * number + offset
                username = f"bench.{code}.{role}.{pk}"
                rows.append((pk, unusable, False, username, "", "", "", False, True, EPOCH, username, "", "zh-hans"))
                self.workers[(county_pk, role)] = worker(pk, username)
        columns = [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "full_name",
            "phone",
            "language",
        ]
        self.writer.write(User, columns, rows)
        self.sequenced.append(User)

    def worker_of(self, county_pk: int, role: str):
        """The user who did the county's past work in that role (unsaved outside the focus county)."""
        return self.workers[(county_pk, role)]

    def pick_county(self) -> tuple[int, str]:
        if self.rng.random() < self.focus_share:
            return self.focus_county_pk, FOCUS_COUNTY
        return self.rng.choice(self.counties)

    # -- the register ------------------------------------------------------------------

    def products(self):
        from cases.common.pinyin import pinyin_search_key
        from cases.models import ProductCategory, ProtectedProduct

        writer = self.writer
        first = writer.next_id(ProtectedProduct)
        categories = [value for value, _ in ProductCategory.choices]
        stems = ["龙井", "碧螺", "毛峰", "红橘", "香米", "黄酒", "火腿", "枸杞", "银耳", "陈醋", "蜜柚", "白茶"]
        places = ["西湖", "安吉", "武夷", "赣南", "五常", "绍兴", "金华", "宁夏", "古田", "山西", "琯溪", "福鼎"]
        rows = []
        through = []
        self.product_ids = []
        for number in range(self.volume.products):
            pk = first + number
            name = f"{places[pk % len(places)]}{stems[(pk // len(places)) % len(stems)]}{pk}"
            county_pk, _ = self.pick_county()
            rows.append(
                (
                    pk,
                    name,
                    "",
                    pinyin_search_key(name),
                    categories[number % len(categories)],
                    self.rng.choice(self.provinces),
                    f"{2008 + number % 17}年第{number % 150 + 1}号",
                    2008 + number % 17,
                    "CNIPA",
                    f"GB/T {19000 + number}",
                    "",
                    ProtectedProduct.Status.PROTECTED,
                    f"bench-product-{pk}",
                )
            )
            through.append((pk, county_pk))
            self.product_ids.append(pk)
        columns = [
            "id",
            "name",
            "name_en",
            "name_pinyin",
            "category",
            "province_id",
            "announcement_number",
            "announcement_year",
            "authority",
            "standard",
            "quality_summary",
            "status",
            "public_token",
        ]
        writer.write(ProtectedProduct, columns, rows)
        area = ProtectedProduct.protected_area.through
        writer.write(area, ["protectedproduct_id", "region_id"], through)

    def enterprises(self):
        from organizations.credit_code import credit_code_check_character
        from organizations.models import Enterprise

        first = self.writer.next_id(Enterprise)
        self.enterprise_ids = []
        self.enterprise_names = {}
        rows = []
        words = ["茶业", "农业", "食品", "酒业", "果业", "生态", "农产品", "酿造"]
        for number in range(self.volume.enterprises):
            pk = first + number
            county_pk, code = self.pick_county()
            stem = f"91{code}MA{pk:07d}"
            name = f"{code}{words[number % len(words)]}有限公司{pk}"
            rows.append((pk, name, stem + credit_code_check_character(stem), "producer", county_pk, "", "", ""))
            self.enterprise_ids.append((pk, county_pk))
            self.enterprise_names[pk] = name
        columns = ["id", "name", "credit_code", "kind", "region_id", "address", "legal_representative", "contact_phone"]
        self.writer.write(Enterprise, columns, rows)

    def declarations(self):
        """Declarations, newest last; most are published, some revoked or withdrawn."""
        from cases.models import Declaration
        from cases.models.declarations import TOKEN_ALPHABET, TOKEN_LENGTH

        Status = Declaration.Status
        first = self.writer.next_id(Declaration)
        creator = self.users["staff"].pk
        rows = []
        self.declarations_in_order = []
        total = self.volume.declarations
        for number in range(total):
            pk = first + number
            enterprise_pk, county_pk = self.enterprise_ids[number % len(self.enterprise_ids)]
            declared_at = EPOCH + datetime.timedelta(seconds=int(number * (5 * 365 * 86400) / total))
            roll = self.rng.random()
            status = Status.PUBLISHED if roll < 0.9 else (Status.REVOKED if roll < 0.95 else Status.WITHDRAWN)
            closed_at = declared_at + datetime.timedelta(days=200) if status != Status.PUBLISHED else None
            token = "".join(self.rng.choices(TOKEN_ALPHABET, k=TOKEN_LENGTH))
            product_pk = self.product_ids[self.rng.randrange(len(self.product_ids))]
            reference = f"SD{declared_at.year}{pk:08d}"
            rows.append(
                (
                    pk,
                    reference,
                    token,
                    enterprise_pk,
                    product_pk,
                    county_pk,
                    "生产地址",
                    1000 + number % 9000,
                    "kg",
                    "地理标志专用标志",
                    True,
                    status,
                    creator,
                    declared_at,
                    declared_at,
                    closed_at,
                    "",
                )
            )
            self.declarations_in_order.append((pk, reference, enterprise_pk, product_pk, county_pk, declared_at))
        columns = [
            "id",
            "reference",
            "verification_token",
            "enterprise_id",
            "product_id",
            "production_region_id",
            "production_address",
            "annual_output",
            "output_unit",
            "label_text",
            "commitment_accepted",
            "status",
            "created_by_id",
            "created_at",
            "declared_at",
            "closed_at",
            "closing_reason",
        ]
        self.writer.write(Declaration, columns, rows)
