"""Alembic environment: the target is SQLModel.metadata from tracker.domain.models.

Invoked programmatically by tracker.db (which hands over its engine) or by the ``alembic``
command with alembic.ini. Logging is configured only for the command-line case, and then
without disabling loggers the application has already created.
"""

from logging.config import fileConfig

from alembic import context
from sqlmodel import SQLModel

from tracker.domain.models import ScaledDecimal, UTCDateTime  # registers the tables too

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """Write the project's column types as their plain storage types.

    Revision scripts then stay valid however tracker.domain.models evolves: a ScaledDecimal is a
    BIGINT on disk, a UTCDateTime a timezone-aware TIMESTAMP.
    """
    if type_ == "type" and isinstance(obj, ScaledDecimal):
        return "sa.BigInteger()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_item=render_item,
        render_as_batch=connection.dialect.name == "sqlite",
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        compare_type=True,
        render_item=render_item,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from tracker.db import make_engine
        from tracker.settings import get_settings

        engine = make_engine(
            config.get_main_option("sqlalchemy.url") or get_settings().database_url
        )
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        if connection.in_transaction():
            connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
