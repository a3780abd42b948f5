"""Storage: everything that depends on the database engine, behind the interfaces in `interfaces`.

The domain above it speaks dialect-neutral SQLAlchemy (new ids come back through RETURNING); what one engine says
its own way (upserts, full-text search, backups, the writer lock, schema revisions) is asked of this package.
"""
