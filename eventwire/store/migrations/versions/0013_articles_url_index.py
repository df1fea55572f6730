"""An index on articles.url: the watcher finds a page already stored before fetching it again.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

``Store.stored_articles_for_urls`` looked up a page's URL only among feed entries marked stored.  An
entry is marked after its article is stored, in a second transaction; a watcher killed between the two
left the article stored and the entry pending, and the next round fetched the page again (its article,
same id, was then found stored: nothing twice, but a wasted fetch per page).  The lookup now reads the
articles' own URLs too; this index makes that a seek.  Declared in ``eventwire/store/tables.py``.
"""
from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_url", "articles", ["url"])


def downgrade() -> None:
    op.drop_index("ix_articles_url", table_name="articles")
