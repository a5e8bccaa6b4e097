"""The app: `uvicorn app.main:app` (or `uvicorn app.main:create_app --factory`), run from
examples/bookshelf/ with the BOOKSHELF_* variables set (see app/config.py and the README)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response, status
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.config import Settings, get_settings
from app.db import make_engine, make_sessionmaker
from app.deps import SessionDep
from app.routers import auth, authors, books, users
from app.schemas import Health


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    if settings.jwt_secret is None:
        raise RuntimeError("BOOKSHELF_JWT_SECRET is not set")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings)
        app.state.sessionmaker = make_sessionmaker(engine)
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(title="Bookshelf", version="1.0.0", lifespan=lifespan)
    app.dependency_overrides[get_settings] = lambda: settings
    app.include_router(auth.router)
    app.include_router(books.router)
    app.include_router(authors.router)
    app.include_router(users.router)

    @app.get("/health", response_model=Health, tags=["health"])
    async def health(session: SessionDep, response: Response) -> Health:
        try:
            await session.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError):
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
            return Health(status="unavailable", database="unreachable")
        return Health(status="ok", database="ok")

    return app


app = create_app()
