"""Alembic migrations of the service store, run by ``hoaxlens.service.store.migrate``."""
