"""The volume seeder's parts (bench/seed_volume.py runs them): how many rows (volume), how they
are written (rows: COPY or executemany with ids chosen here), the audit events (audit: through the
product's own writer), the register (register) and the casework (casework), put together by
seeder.Seeder."""
