"""A real headless Chromium (Debian's chromium + chromium-driver) against a live server."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="session")
def browser_session():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail(
            "Headless Chromium is needed for the browser tests: run .ci/install-browser "
            "(installs Debian's chromium and chromium-driver)."
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


class LiveServer:
    """The app on a free port, in a thread, serving static files the production way
    (WhiteNoise), with a server of each test's own: a keep-alive thread from an earlier
    test would still hold that test's search connection (haystack keeps one per thread)."""

    def __init__(self):
        from django.test.testcases import LiveServerThread

        self.thread = LiveServerThread("localhost", static_handler=lambda app: app)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://localhost:{self.thread.port}"

    def stop(self):
        self.thread.terminate()


@pytest.fixture
def app_server(transactional_db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture
def browser(browser_session, app_server):
    browser_session.delete_all_cookies()
    browser_session.base_url = app_server.url
    yield browser_session
