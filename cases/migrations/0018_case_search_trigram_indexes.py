"""Trigram indexes for the 案件 search's "part of a number" on PostgreSQL (ADR 0036).

The search finds a case by any part of its number (icontains: UPPER(reference) LIKE '%…%'). The
register's indexes (0010) serve the names; the numbers of the two large kinds, 500,000
declarations and the enforcement cases (with the party as reported), had none, so every search
read them all. With these, PostgreSQL combines the number, party and product conditions of a
search in one bitmap of each table. The other kinds' tables stay small. SQLite keeps scanning.
"""

from django.db import migrations

from cases.common.trigram_indexes import trigram_indexes

INDEXES = {
    "terroir_declaration_reference_trgm": "cases_declaration USING gin (UPPER(reference) gin_trgm_ops)",
    "terroir_enforcement_number_trgm": "cases_enforcementcase USING gin (UPPER(number) gin_trgm_ops)",
    "terroir_enforcement_party_trgm": "cases_enforcementcase USING gin (UPPER(party_description) gin_trgm_ops)",
}


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_public_tracking_numbers")]

    operations = [trigram_indexes(INDEXES)]
