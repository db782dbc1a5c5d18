import datetime
import os

import pytest
from playwright.sync_api import expect

from tests import clock

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


# A loaded CI machine (two cores, PostgreSQL, Chromium) can take longer than Playwright's default
# 5 s to answer a form: wait up to 20 s for what a person waits for.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A browser set up as our users' are: Chinese, in Beijing time (the browser's own date inputs
    and pickers then read YYYY/MM/DD, as they do for them)."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def reference_data(transactional_db):
    """Regions and departments for transactional tests (a flush after another such test empties them)."""
    from organizations.reference_data import ensure_reference_data

    ensure_reference_data()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores its files in a folder of its own (tmp_path/media), never in the real media
    folder; a test that looks for stored files takes this fixture (a Path) or reads settings.MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _no_login_failures_counted():
    """Failed logins are counted in the cache (docs/adr/0040), which outlives a test: every test
    starts with none, so that one test's wrong passwords do not slow another's logins."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _staff_site_urls_loaded():
    """viewflow flows learn their URL namespaces when the URLconf is built: build it first."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns


# --- Tests run at fixed dates (tests/clock.py, ADR 0027) ---------------------------------------


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD[THH:MM]",
        help="run the whole suite as if it were this day (Beijing time, 10:00 unless given), "
        "to find tests that depend on today; marked tests keep their own dates, browser tests the real clock",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "on_date(day): the test runs at this fixed date (YYYY-MM-DD), clock ticking")
    config.addinivalue_line(
        "markers", "real_clock: the test compares the clock with the outside world's (file times): never travelled"
    )
    config.addinivalue_line(
        "markers", "on_hard_dates: the test runs once at each of tests.clock.HARD_DATES (fixture hard_date)"
    )
    today = config.getoption("--today")
    if today:
        try:
            config._terroir_session_travel = clock.travel(today)
        except ValueError as error:
            raise pytest.UsageError(f"--today={today}: {error}") from None
        config._terroir_session_travel.start()


def pytest_unconfigure(config):
    travel = getattr(config, "_terroir_session_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    today = config.getoption("--today")
    if today:
        return f"travelled to {clock.moment(today).astimezone(clock.BEIJING):%Y-%m-%d %H:%M} Beijing (--today)"


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("on_hard_dates"):
        metafunc.parametrize("hard_date", clock.HARD_DATES, ids=str, indirect=True)


@pytest.fixture
def hard_date(request):
    """The HardDate an @on_hard_dates test is running at (the clock is already there)."""
    return request.param


def _is_browser_test(item) -> bool:
    return item.get_closest_marker("browser") is not None or "page" in getattr(item, "fixturenames", ())


def _needs_the_real_clock(item) -> bool:
    return _is_browser_test(item) or item.get_closest_marker("real_clock") is not None


@pytest.fixture(autouse=True)
def _fixed_clock(request):
    """Travel to the test's fixed date before any other fixture of the test builds its data."""
    item = request.node
    on_date = item.get_closest_marker("on_date")
    hard = item.get_closest_marker("on_hard_dates")
    if (on_date or hard) and _needs_the_real_clock(item):
        pytest.fail("browser and real_clock tests run on the real clock: Chromium's, the files' (ADR 0027)")
    if hard:
        destination = item.callspec.params["hard_date"].day
    elif on_date:
        destination = datetime.date.fromisoformat(on_date.args[0])
    elif request.config.getoption("--today") and _needs_the_real_clock(item):
        destination = clock.real_now()  # back to the wall clock, Chromium's or the file system's
    else:
        yield
        return
    with clock.travel(destination):
        yield
