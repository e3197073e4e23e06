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
from django.utils.translation import to_locale

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
# Plain Finnish is partial on purpose: it rewrites the first steps' texts and falls back to
# Finnish for the rest, so it is checked against its own list of pages below.
FULL_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.PLAIN_FINNISH]


def catalogue(language):
    return polib.pofile(str(LOCALE / to_locale(language) / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", FULL_LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    assert len(po.translated_entries()) > 100


@pytest.mark.parametrize("language", ["sv", "en", "uk", settings.PLAIN_FINNISH])
def test_translations_keep_their_placeholders(language):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|%[sd]")
    po = catalogue(language)
    for entry in po.translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        if entry.msgid_plural:
            forms = entry.msgstr_plural.values()
            expected = sorted(set(expected) | set(placeholder.findall(entry.msgid_plural)))
            for form in forms:
                assert set(placeholder.findall(form)) <= set(expected), (language, entry.msgid)
        else:
            assert sorted(placeholder.findall(entry.msgstr)) == expected, (language, entry.msgid)


# What plain Finnish rewrites: every text of these templates, and the texts of these forms'
# fields (all of them, or only the help texts).
PLAIN_TEMPLATES = [
    "pages/templates/pages/home_guest.html",
    "pages/templates/pages/tour.html",
    "pages/templates/pages/welcome.html",
    "accounts/templates/accounts/sign_in.html",
    "accounts/templates/accounts/invitation_accept.html",
    "accounts/templates/accounts/invitation_signed_in.html",
    "accounts/templates/accounts/invitation_unusable.html",
    "impact/templates/impact/check_in.html",
    "impact/templates/impact/partials/check_in_form.html",
    "impact/templates/impact/partials/check_in_prompt.html",
    "profiles/templates/profiles/step_base.html",
    "profiles/templates/profiles/step_esittely.html",
    "profiles/templates/profiles/step_kielet.html",
    "profiles/templates/profiles/step_nakyvyys.html",
    "profiles/templates/profiles/step_oppiminen.html",
    "profiles/templates/profiles/step_osaaminen.html",
    "profiles/templates/profiles/step_tavoitteet.html",
]
PLAIN_FORMS = [
    ("ideahautomo.accounts.forms", ["SignInForm", "InvitationAcceptForm"], "all"),
    ("ideahautomo.impact.forms", ["CheckInForm"], "all"),
    ("ideahautomo.profiles.forms", None, "help"),
    ("ideahautomo.circles.forms", None, "help"),
    ("ideahautomo.events.forms", None, "help"),
]


def _msgid(text):
    """The msgid of a lazily translated text, or None for anything else."""
    args = getattr(text, "_args", None)
    if args and len(args) == 2 and all(isinstance(arg, str) for arg in args):
        return args[1]  # pgettext_lazy(context, message)
    return args[0] if args and isinstance(args[0], str) else None


def _form_texts(module_name, class_names, which):
    import importlib
    import inspect

    from django import forms

    module = importlib.import_module(module_name)
    classes = [
        cls
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm)
        and cls.__module__ == module_name
        and (class_names is None or name in class_names)
    ]
    assert classes, module_name
    texts = []
    for cls in classes:
        for field in cls.base_fields.values():
            texts.append(field.help_text)
            if which == "all":
                texts.append(field.label)
                texts.extend(field.error_messages.values())
                texts.extend(label for _value, label in getattr(field, "choices", ()))
    return {_msgid(text) for text in texts} - {None}


def test_plain_finnish_rewrites_the_texts_of_the_first_steps():
    from ideahautomo.accounts.forms import SIGN_IN_FAILED, SIGN_IN_PAUSED

    po = catalogue(settings.PLAIN_FINNISH)
    assert po.metadata["Language"] == settings.PLAIN_FINNISH
    assert not po.fuzzy_entries()
    # The texts are read from the Finnish catalogue, which is always complete, so that a
    # new text is missed even when the plain catalogue has not been updated.
    finnish = [entry for entry in catalogue("fi") if not entry.obsolete]
    expected = {
        entry.msgid
        for entry in finnish
        if any(path.endswith(tuple(PLAIN_TEMPLATES)) for path, _line in entry.occurrences)
    }
    ours = {entry.msgid for entry in finnish}  # not Django's own texts
    for module_name, class_names, which in PLAIN_FORMS:
        expected |= _form_texts(module_name, class_names, which) & ours
    expected |= {_msgid(SIGN_IN_FAILED), _msgid(SIGN_IN_PAUSED)}
    translated = {entry.msgid for entry in po.translated_entries()}
    assert len(expected) > 120
    missing = sorted(expected - translated)
    assert not missing, f"not in plain Finnish: {missing}"


def test_the_plain_guidelines_exist():
    template = "pages/content/guidelines_" + settings.PLAIN_FINNISH + ".html"
    assert (ROOT / "ideahautomo" / "pages" / "templates" / template).exists()


def test_pages_that_use_htmx_load_it():
    """htmx is not on every page (it would be a third of a light page's weight): a template
    with hx- attributes loads it itself or is included by one that does."""
    templates = list((ROOT / "ideahautomo").glob("**/templates/**/*.html"))
    loads = {path for path in templates if 'include "partials/htmx.html"' in path.read_text()}
    for path in templates:
        if " hx-" not in path.read_text():
            continue
        name = "/".join(path.parts[path.parts.index("templates") + 1 :])
        includers = {other for other in templates if f'include "{name}"' in other.read_text()}
        assert path in loads or includers & loads, f"{name} uses htmx but no page loads it"
