"""Indexes for the read paths: foreign keys, the title-ordered book list, recent reviews.

Revision ID: 0002_indexes
Revises: 0001_initial_schema
Create Date: 2026-12-02 10:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_indexes"
down_revision: str | None = "0001_initial_schema"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # GET /authors/{id}/books
    op.create_index("ix_books_author_id", "books", ["author_id"])
    # GET /books: ORDER BY title, id with OFFSET/LIMIT
    op.create_index("ix_books_title_id", "books", ["title", "id"])
    # review counts per book (index-only) and a book's most recent reviews
    op.create_index("ix_reviews_book_id_created_at", "reviews", ["book_id", "created_at", "id"])
    op.create_index("ix_reviews_user_id", "reviews", ["user_id"])
    op.create_index("ix_book_tags_tag_id", "book_tags", ["tag_id"])


def downgrade() -> None:
    op.drop_index("ix_book_tags_tag_id", table_name="book_tags")
    op.drop_index("ix_reviews_user_id", table_name="reviews")
    op.drop_index("ix_reviews_book_id_created_at", table_name="reviews")
    op.drop_index("ix_books_title_id", table_name="books")
    op.drop_index("ix_books_author_id", table_name="books")
