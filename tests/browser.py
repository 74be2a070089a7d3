"""A real headless browser for the tests of pages: Debian's chromium and chromium-driver with
Selenium (browser downloads are not reachable). Tests that use it are marked
``@needs("chromium")``; screenshots go to ``test-artifacts/`` (``VANBAN_ARTIFACTS``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("VANBAN_ARTIFACTS", ROOT / "test-artifacts"))
WINDOW = "1400,1000"


@contextmanager
def chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={WINDOW}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "chromedriver"), options=options
    )
    try:
        yield driver
    finally:
        driver.quit()


def follow(driver: Any, action: Any, part: str, timeout: float = 15) -> None:
    """Do ``action`` (a click, a submit) and wait until the browser is on a page whose address
    holds ``part``: a click returns before the next page is there."""
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.current_url
    action()
    WebDriverWait(driver, timeout).until(
        lambda d: (
            d.current_url != before
            and part in d.current_url
            and d.execute_script("return document.readyState") == "complete"
        )
    )


def screenshot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path)), f"no screenshot written to {path}"
    return path
