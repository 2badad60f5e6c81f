"""The production values in .env.example pass Django's deployment checklist."""

import re
import secrets
import subprocess
import sys

from .conftest import BASE_DIR, SETTINGS_VARIABLES, clean_environ

ENV_EXAMPLE = BASE_DIR / ".env.example"
SETTINGS_FILE = BASE_DIR / "igfportal" / "settings.py"


def read_env_file(path):
    """KEY=value lines as docker-compose's env_file reads them: no quotes, no inline comments."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}: not a KEY=value line: {line!r}"
        values[key.strip()] = value
    return values


def run_deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_the_production_values_of_env_example(tmp_path):
    values = read_env_file(ENV_EXAMPLE)
    assert values["DEBUG"] == "0"
    assert values["SITE_URL"].startswith("https://")
    # The check connects to nothing, but keep it off the example hosts all the same.
    values["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}"
    values.pop("REDIS_URL")
    # The example's placeholder is refused on purpose (next test); a real key is long and random.
    assert values["SECRET_KEY"].startswith("django-insecure-")
    values["SECRET_KEY"] = secrets.token_urlsafe(50)

    result = run_deploy_check(clean_environ(**values))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_with_debug_on_and_the_development_secret_key(tmp_path):
    env = clean_environ(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "SECRET_KEY" not in env  # settings.py falls back to its development key

    result = run_deploy_check(env)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "security.W018" in output  # DEBUG must not be True in deployment
    assert "security.W009" in output  # the development key is not a secret


def test_deploy_check_refuses_the_placeholder_key_of_env_example(tmp_path):
    values = read_env_file(ENV_EXAMPLE)
    values["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}"
    values.pop("REDIS_URL")

    result = run_deploy_check(clean_environ(**values))

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_env_example_names_every_variable_settings_reads():
    read = set(
        re.findall(
            r"""(?:os\.environ\.get|env_bool|env_list)\(\s*["']([A-Z][A-Z0-9_]*)["']""",
            SETTINGS_FILE.read_text(),
        )
    )
    assert read, "found no variable in settings.py: has the way it reads them changed?"
    # Listed as KEY=value, or commented out as "# KEY=value" where unset is the right default.
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    assert read - listed == set(), ".env.example does not mention these settings"
    # The child processes of the infra tests start from an environment without any of them.
    assert read - set(SETTINGS_VARIABLES) == set(), "add these to SETTINGS_VARIABLES"
