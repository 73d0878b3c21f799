"""The one place that reads the environment, so every process (app, sidecar, tests) agrees.

It lives in db/ because db/ is the bottom layer: coach/, graph/ and app_pages/ may all reach it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from db.errors import ValidationFailed

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every variable has a working default: with nothing set, the app runs fully offline."""

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, populate_by_name=True
    )

    database_url: SecretStr | None = None  # unset = the embedded Postgres
    # Server-side prepared statements for the checkpointer (unset: on for the embedded
    # Postgres only; PgBouncer/Supavisor in transaction mode cannot keep them).
    db_prepared_statements: bool | None = None
    data_dir: Path = Field(default=ROOT / ".data", alias="TUITIONLIFT_DATA_DIR")

    supabase_url: str | None = None
    supabase_anon_key: SecretStr | None = None
    supabase_service_role_key: SecretStr | None = None

    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    openai_base_url: str | None = None
    openai_timeout_s: float = Field(default=30.0, gt=0, le=600)
    openai_max_retries: int = Field(default=2, ge=0, le=10)

    tavily_api_key: SecretStr | None = None
    tavily_base_url: str | None = None  # unset = Tavily's own API
    trust_threshold: int = Field(default=60, ge=0, le=100)  # the Trust Filter keeps >= this

    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "TuitionLift Coach <coach@tuitionlift.local>"
    smtp_starttls: bool = True  # upgrade a plain connection (port 587)
    smtp_ssl: bool = False  # implicit TLS from the first byte (port 465)
    smtp_ssl_cafile: Path | None = None  # a private CA for the mail server's certificate
    smtp_timeout_s: float = Field(default=20.0, gt=0, le=300)

    demo_mode: bool | None = None  # demo people: default on off Supabase, off on Supabase
    demo_password: SecretStr | None = None  # hosted demo people sign in with it

    # Links in emails: `make run PORT=8600` sets TUITIONLIFT_PORT, so a local install's
    # emails point at the port the app really runs on; APP_BASE_URL, when set, wins.
    app_base_url: str = Field(
        default_factory=lambda: f"http://localhost:{os.environ.get('TUITIONLIFT_PORT', '8501')}"
    )
    session_ttl_hours: float = Field(default=72, gt=0, le=24 * 90)  # a sign-in lasts this long

    @field_validator("database_url")
    @classmethod
    def _postgres_scheme(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().startswith(("postgres://", "postgresql://")):
            raise ValueError("must start with postgresql:// (unset it for the embedded database)")
        return v

    @model_validator(mode="after")
    def _hosted_needs_all_parts(self) -> Settings:
        if self.supabase_url:
            missing = [
                name
                for name, value in (
                    ("SUPABASE_ANON_KEY", self.supabase_anon_key),
                    ("DATABASE_URL", self.database_url),
                )
                if value is None
            ]
            if missing:
                raise ValueError(
                    "SUPABASE_URL is set, so hosted mode also needs " + " and ".join(missing)
                )
            if self.demo_mode and (not self.supabase_service_role_key or not self.demo_password):
                raise ValueError(
                    "DEMO_MODE=true on Supabase creates demo people through Supabase Auth: it "
                    "needs SUPABASE_SERVICE_ROLE_KEY and DEMO_PASSWORD"
                )
        return self

    @property
    def demo_enabled(self) -> bool:
        """Demo mode: demo people, the demo clock and the Demo page. On off Supabase, and on
        Supabase only with DEMO_MODE=true."""
        return self.seeds_demo_people

    @property
    def seeds_demo_people(self) -> bool:
        if self.demo_mode is not None:
            return self.demo_mode
        return self.database_mode != "supabase"

    @property
    def prepares_statements(self) -> bool:
        if self.db_prepared_statements is not None:
            return self.db_prepared_statements
        return self.database_mode == "embedded"

    @property
    def database_mode(self) -> Literal["embedded", "postgres", "supabase"]:
        if self.supabase_url:
            return "supabase"
        return "postgres" if self.database_url else "embedded"

    @property
    def search_mode(self) -> Literal["offline", "tavily"]:
        return "tavily" if self.tavily_api_key else "offline"

    @property
    def email_mode(self) -> Literal["outbox", "smtp"]:
        return "smtp" if self.smtp_host else "outbox"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Cached so a process reads its environment once; tests clear the cache to change it.

    A bad variable becomes one readable sentence naming it, not a pydantic dump."""
    try:
        return Settings()
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)  # never log a secret
        problems = "; ".join(
            ("{}: ".format(".".join(str(p) for p in e["loc"]).upper()) if e["loc"] else "")
            + e["msg"].removeprefix("Value error, ")
            for e in errors
        )
        raise ValidationFailed(f"Configuration problem: {problems}.", detail=repr(errors)) from exc
