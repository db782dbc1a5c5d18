"""The seeder: the register, then the casework and its audit events, in one transaction."""

import random
import time

from .audit import AuditTrail
from .casework import CaseworkSeeding
from .register import RegisterSeeding
from .rows import RowWriter
from .volume import FOCUS_SHARE, OPEN_SHARE, Volume


class Seeder(RegisterSeeding, CaseworkSeeding):
    def __init__(self, volume: Volume, seed: int = 2026, *, focus_share=FOCUS_SHARE, open_share=OPEN_SHARE):
        from django.db import connection

        self.volume = volume
        # Tests raise both so that a small seed still puts rows on every persona's pages.
        self.focus_share = focus_share
        self.open_share = open_share
        self.rng = random.Random(seed)
        self.writer = RowWriter(connection)
        self.timings: dict[str, float] = {}
        self.sequenced = []  # tables written with chosen ids, beyond the main ones

    def timed(self, label, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.timings[label] = time.perf_counter() - started
        print(f"  {label:<28} {self.timings[label]:7.1f} s", flush=True)
        return result

    def run(self):
        from django.db import transaction

        from cases.models import Declaration, EnforcementCase, ProtectedProduct
        from organizations.models import Enterprise
        from workflows.declarations.flows import DeclarationFlow

        self.timed("personas and regions", lambda: (self.personas(), self.regions()))
        self.timed("county staff", self.county_workers)
        with transaction.atomic():
            # The audit events go through the product's writer in batches as they are made; the
            # last step appends the rest.
            self.audit = AuditTrail()
            self.timed("products", self.products)
            self.timed("enterprises", self.enterprises)
            self.timed("declarations", self.declarations)
            self.timed("processes and tasks", self.workflow)
            self.timed("long case history", self.case_with_long_history)
            self.timed("audit events (last batch)", self.audit.flush)
            self.writer.reset_sequences(
                [
                    *self.sequenced,
                    ProtectedProduct,
                    Enterprise,
                    Declaration,
                    EnforcementCase,
                    DeclarationFlow.process_class,
                    DeclarationFlow.task_class,
                ]
            )
        self.timed("analyze", self.analyze)

    def analyze(self):
        with self.writer.connection.cursor() as cursor:
            cursor.execute("ANALYZE")
