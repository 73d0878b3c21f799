"""The settings object: nothing set runs offline, each variable switches one part, and a bad
value stops start-up with one sentence naming the variable (never a secret, never a dump)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.errors import ValidationFailed
from db.settings import Settings, get_settings
from graph.llm import label

DB_URL = "postgresql://tl:pg-pass-9f3k@db.example.test:5432/postgres"


@pytest.fixture(autouse=True)
def clean_env(clean_settings_env: None) -> None:
    """Nothing from the developer's shell or their real `.env` decides what these tests see."""


def settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return get_settings()


def config_error(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    with pytest.raises(ValidationFailed) as err:
        settings_with(monkeypatch, **env)
    return str(err.value)


def assert_readable(message: str) -> None:
    """One sentence for a person, not pydantic's multi-line report with links."""
    assert message.startswith("Configuration problem:")
    assert message.endswith(".")
    assert "\n" not in message
    assert "pydantic" not in message.lower()
    assert "validation error" not in message.lower()


# defaults ---------------------------------------------------------------------------------
def test_nothing_set_runs_fully_offline() -> None:
    s = get_settings()
    assert s.database_mode == "embedded"
    assert s.database_url is None
    assert label(s) == "Practice coach (offline)"
    assert s.search_mode == "offline"
    assert s.email_mode == "outbox"
    assert s.data_dir.name == ".data"


# each variable switches its part ----------------------------------------------------------
def test_database_url_switches_to_that_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    s = settings_with(monkeypatch, DATABASE_URL=DB_URL)
    assert s.database_mode == "postgres"
    assert s.database_url is not None
    assert s.database_url.get_secret_value() == DB_URL


def test_prepared_statements_are_on_only_for_the_embedded_postgres_unless_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A DATABASE_URL may point at PgBouncer or Supavisor in transaction mode, where a
    prepared statement vanishes with the transaction; a direct server can opt in."""
    assert get_settings().prepares_statements is True
    assert settings_with(monkeypatch, DATABASE_URL=DB_URL).prepares_statements is False
    opted_in = settings_with(monkeypatch, DATABASE_URL=DB_URL, DB_PREPARED_STATEMENTS="true")
    assert opted_in.prepares_statements is True
    monkeypatch.delenv("DATABASE_URL")
    assert settings_with(monkeypatch, DB_PREPARED_STATEMENTS="false").prepares_statements is False


def test_supabase_url_key_and_database_url_switch_to_hosted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = settings_with(
        monkeypatch,
        SUPABASE_URL="https://abc.supabase.co",
        SUPABASE_ANON_KEY="anon-key",
        DATABASE_URL=DB_URL,
    )
    assert s.database_mode == "supabase"


def test_openai_key_switches_the_chat_model_to_the_named_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert label(settings_with(monkeypatch, OPENAI_API_KEY="sk-test")) == "gpt-4o-mini"
    assert label(settings_with(monkeypatch, OPENAI_MODEL="llama3.1:8b")) == "llama3.1:8b"


def test_tavily_key_switches_search_to_tavily(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings_with(monkeypatch, TAVILY_API_KEY="tvly-test").search_mode == "tavily"


def test_smtp_host_switches_email_to_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    s = settings_with(monkeypatch, SMTP_HOST="smtp.example.test", SMTP_PORT="2525")
    assert s.email_mode == "smtp"
    assert s.smtp_port == 2525


def test_data_dir_follows_tuitionlift_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    s = settings_with(monkeypatch, TUITIONLIFT_DATA_DIR=str(tmp_path / "elsewhere"))
    assert s.data_dir == tmp_path / "elsewhere"


def test_email_links_follow_the_port_make_run_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TUITIONLIFT_PORT", raising=False)
    assert settings_with(monkeypatch).app_base_url == "http://localhost:8501"
    assert settings_with(monkeypatch, TUITIONLIFT_PORT="8600").app_base_url == (
        "http://localhost:8600"
    )
    chosen = settings_with(monkeypatch, APP_BASE_URL="https://coach.example.org")
    assert chosen.app_base_url == "https://coach.example.org"  # set, it wins


# a bad value is one sentence naming the variable -------------------------------------------
def test_a_non_postgres_database_url_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    message = config_error(monkeypatch, DATABASE_URL="mysql://root:my-pass-7q@x/db")
    assert_readable(message)
    assert "DATABASE_URL" in message
    assert "postgresql://" in message
    assert "my-pass-7q" not in message  # shown on the page: the password must not be


@pytest.mark.parametrize(
    ("present", "missing"),
    [
        ({}, ["SUPABASE_ANON_KEY", "DATABASE_URL"]),
        ({"DATABASE_URL": DB_URL}, ["SUPABASE_ANON_KEY"]),
        ({"SUPABASE_ANON_KEY": "anon-key"}, ["DATABASE_URL"]),
    ],
)
def test_half_configured_hosted_mode_names_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, present: dict[str, str], missing: list[str]
) -> None:
    message = config_error(monkeypatch, SUPABASE_URL="https://abc.supabase.co", **present)
    assert_readable(message)
    assert "SUPABASE_URL" in message
    for name in missing:
        assert name in message
    for name in present:
        assert name not in message


def test_an_impossible_smtp_port_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    message = config_error(monkeypatch, SMTP_PORT="70000")
    assert_readable(message)
    assert "SMTP_PORT" in message
    assert "65535" in message


def test_a_negative_openai_timeout_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    message = config_error(monkeypatch, OPENAI_TIMEOUT_S="-1")
    assert_readable(message)
    assert "OPENAI_TIMEOUT_S" in message


# where values come from, and where they never go -------------------------------------------
def test_a_dot_env_file_in_the_working_directory_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        "TAVILY_API_KEY=tvly-from-dotenv\nSMTP_HOST=smtp.dotenv.test\nOPENAI_MODEL=from-dotenv\n"
    )
    s = settings_with(monkeypatch, OPENAI_MODEL="from-environment")
    assert s.search_mode == "tavily"
    assert s.email_mode == "smtp"
    assert s.openai_model == "from-environment"  # the environment beats the file


def test_a_bad_value_in_dot_env_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SMTP_PORT=not-a-port\n")
    with pytest.raises(ValidationFailed, match="SMTP_PORT"):
        get_settings()


def test_secrets_never_appear_when_settings_are_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = {
        "DATABASE_URL": DB_URL,
        "SUPABASE_ANON_KEY": "anon-secret-1a2b",
        "SUPABASE_SERVICE_ROLE_KEY": "service-secret-3c4d",
        "OPENAI_API_KEY": "sk-secret-5e6f",
        "TAVILY_API_KEY": "tvly-secret-7a8b",
        "SMTP_PASSWORD": "smtp-secret-9c0d",
    }
    s = settings_with(monkeypatch, SUPABASE_URL="https://abc.supabase.co", **secrets)
    shown = repr(s) + str(s) + repr(s.model_dump())
    for value in secrets.values():
        assert value not in shown
    assert "pg-pass-9f3k" not in shown
