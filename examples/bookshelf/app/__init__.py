"""Bookshelf: a small FastAPI + SQLAlchemy 2 + Alembic service (books, authors, reviews)."""
