#!/usr/bin/env python3
"""Set up and run Ideahautomo on a fresh machine with nothing but Python 3.11+.

    python3 dev.py serve   # environment, migrations, demo data, http://127.0.0.1:8000
    python3 dev.py test    # environment, then every test (browser tests need Chromium)

Both create `.venv`, install the locked dependencies (uv.lock) into it and
compile the translations; they do nothing that a second run would repeat.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
UV_VERSION = "0.13.9"
CHROMIUM = "/usr/bin/chromium"


def say(message):
    print(f"[ideahautomo] {message}", flush=True)


def run(*args, env=None):
    completed = subprocess.run(args, cwd=ROOT, env=env, check=False)  # noqa: S603
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def lock_fingerprint():
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "uv.lock", "dev.py"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment():
    if sys.version_info < (3, 11):  # noqa: UP036 (this file may run on an older python3)
        sys.exit("Ideahautomo needs Python 3.11 or newer.")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    fingerprint = lock_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    say("installing the locked dependencies (uv.lock)")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}")
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(VENV)}
    run(str(VENV / "bin" / "uv"), "sync", "--frozen", "--inexact", "--quiet", env=env)
    stamp.write_text(fingerprint)


def manage(*args, env=None):
    run(str(PYTHON), "manage.py", *args, env=env)


def serve():
    ensure_environment()
    env = {**os.environ}
    env.setdefault("DEBUG", "1")
    manage("compiletranslations", env=env)
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    manage("demo_data", env=env)
    # Anything a stopped worker left unsent goes now; nothing already sent goes twice.
    manage("send_pending_email", env=env)
    manage("send_pending_invitations", env=env)
    manage("send_pending_announcements", env=env)
    say("starting the background worker and the web server on http://127.0.0.1:8000")
    worker = subprocess.Popen(  # noqa: S603
        [str(PYTHON), "manage.py", "db_worker"], cwd=ROOT, env=env
    )
    try:
        subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT, env=env
        )
    except KeyboardInterrupt:
        pass
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)


def test(pytest_args):
    ensure_environment()
    env = {**os.environ}
    manage("compiletranslations", "--verbosity", "0", env=env)
    required = env.get("REQUIRE_BROWSER") == "1"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        if required:
            sys.exit(f"REQUIRE_BROWSER=1 but Chromium is not installed at {CHROMIUM}.")
        say(
            "Chromium is not installed: SKIPPING the browser and accessibility tests. "
            "Install it with `apt-get install -y chromium` to run them."
        )
        pytest_args = ["-m", "not browser", *pytest_args]
    database = env.get("DATABASE_URL", "sqlite (embedded default)")
    say(f"running the tests against {database.split('@')[-1]}")
    # pytest exits with 5 when it collected no tests; any non-zero exit fails here.
    run(str(PYTHON), "-m", "pytest", *pytest_args, env=env)


def main():
    command, *rest = sys.argv[1:] or ["help"]
    if command == "serve":
        serve()
    elif command == "test":
        test(rest)
    else:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)


if __name__ == "__main__":
    main()
