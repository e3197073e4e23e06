"""Project-wide checks: production settings, security headers, migrations, translations."""

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    # Only what a production machine would have: no test-time switches.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "PRODUCTION": "1",
    "SECRET_KEY": "k" * 30 + "-a-long-and-random-production-secret-1234567890",
    "ALLOWED_HOSTS": "ideahautomo.example.fi",
    "SITE_URL": "https://ideahautomo.example.fi",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "TRUSTED_PROXY_COUNT": "1",
}


def test_production_profile_passes_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("unset", "named"),
    [
        # Per-process caches would multiply lockouts and rate limits by the processes.
        ("REDIS_URL", "REDIS_URL"),
        ("SITE_URL", "SITE_URL"),
        # The proxy's X-Forwarded-Proto is believed, yet every client would look like the proxy.
        ("TRUSTED_PROXY_COUNT", "TRUSTED_PROXY_COUNT"),
    ],
)
def test_production_refuses_to_start_without(unset, named):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, unset: ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_production_refuses_to_trust_a_proxy_header_with_no_proxy_counted():
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "0"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", env_overrides={"PRODUCTION": "1", "SECRET_KEY": "", "ALLOWED_HOSTS": "x.fi"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    response = client.get(reverse("pages:home"))
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_guest_pages_set_no_cookies_so_they_can_be_cached(client):
    response = client.get(reverse("pages:home"))
    assert response.cookies == {} or "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite settings apply only to SQLite")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


LOCALE = ROOT / "ideahautomo" / "locale"


@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk"])
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    assert len(po.translated_entries()) > 100


@pytest.mark.parametrize("language", ["sv", "en", "uk"])
def test_translations_keep_their_placeholders(language):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|%[sd]")
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in po.translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        if entry.msgid_plural:
            forms = entry.msgstr_plural.values()
            expected = sorted(set(expected) | set(placeholder.findall(entry.msgid_plural)))
            for form in forms:
                assert set(placeholder.findall(form)) <= set(expected), (language, entry.msgid)
        else:
            assert sorted(placeholder.findall(entry.msgstr)) == expected, (language, entry.msgid)
