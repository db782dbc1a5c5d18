"""Trigram indexes for the register's searches on PostgreSQL (issue 9, docs/adr/0019).

The register searches names anywhere in the string (icontains: UPPER(name) LIKE UPPER('%…%'))
and pinyin by substring; a B-tree cannot serve a leading wildcard, so each search read every
enterprise (250,000) or product. pg_trgm's GIN indexes serve both, Chinese included (trigrams of
multibyte characters under a UTF-8 ctype). pg_trgm is a trusted extension: the database owner
may create it. SQLite has no such index and keeps scanning, which is fine at its scale.
"""

from django.db import migrations

from cases.common.trigram_indexes import trigram_indexes

INDEXES = {
    "terroir_enterprise_name_trgm": "organizations_enterprise USING gin (UPPER(name) gin_trgm_ops)",
    "terroir_product_name_trgm": "cases_protectedproduct USING gin (UPPER(name) gin_trgm_ops)",
    "terroir_product_name_en_trgm": "cases_protectedproduct USING gin (UPPER(name_en) gin_trgm_ops)",
    "terroir_product_pinyin_trgm": "cases_protectedproduct USING gin (name_pinyin gin_trgm_ops)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_declaration_draw_index"),
        ("organizations", "0002_regions_and_bureaus"),
    ]

    operations = [trigram_indexes(INDEXES)]
