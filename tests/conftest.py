import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; flags for a root sandbox with no network."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def reference_data(transactional_db):
    """Regions and departments for transactional tests (a flush after another such test empties them)."""
    from organizations.reference_data import ensure_reference_data

    ensure_reference_data()


@pytest.fixture(autouse=True, scope="session")
def _staff_site_urls_loaded():
    """viewflow flows learn their URL namespaces when the URLconf is built: build it first."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns
