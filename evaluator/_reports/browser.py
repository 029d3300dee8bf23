"""Open rendered pages in a real headless Chromium (selenium), for tests and screenshots.

Needs Debian's ``chromium`` and ``chromium-driver`` (and ``fonts-noto-cjk`` for
Chinese text) and the ``selenium`` package; :func:`chromium_missing` says what
is absent. Nothing here is imported by the reports themselves.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = [
    "CHROMEDRIVER",
    "CHROMIUM",
    "browser",
    "chromium_missing",
    "console_errors",
    "requested_urls",
    "screenshot",
]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# No sandbox (CI runs as root), no GPU, and nothing that talks to the network by itself.
ARGUMENTS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def chromium_missing() -> str | None:
    """Why pages cannot be opened here (``None`` when they can)."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if shutil.which(path) is None:
            return f"{path} not found: apt-get install {package} fonts-noto-cjk"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed: pip install -e '.[test]'"
    return None


@contextmanager
def browser(width: int = 1200, height: int = 900) -> Iterator[Any]:
    """A selenium Chrome driver on a fresh profile, logging the console and the network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="evaluate-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ARGUMENTS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    """Console messages of level SEVERE since the last call (errors, CSP violations)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def requested_urls(driver: Any) -> list[str]:
    """URLs the page requested since the last call (from the DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot(driver: Any, path: str, height: int | None = None, top: int = 0) -> None:
    """Save the page as a PNG at ``path``: whole (beyond the window), or the ``height`` px
    from ``top`` down (the page's top by default)."""
    options: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
    if height is not None:
        width = driver.execute_script("return document.documentElement.scrollWidth")
        options["clip"] = {"x": 0, "y": top, "width": width, "height": height, "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", options)
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))
