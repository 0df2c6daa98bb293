from alembic import op
