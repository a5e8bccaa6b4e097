"""perfci: a performance pipeline for a FastAPI + PostgreSQL service."""

__version__ = "0.1.0"
