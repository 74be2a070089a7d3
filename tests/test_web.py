"""``vanban serve``: the search index in a browser. The server binds 127.0.0.1, escapes every
text, answers a bad request with a status; in a real headless Chromium a search with and
without diacritics, a facet, a document with its highlights, and a screenshot kept in
``test-artifacts/search-document.png``."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline import extract_text
from pipeline.cli import main
from pipeline.search import index_lines
from pipeline.web import make_server

from .browser import chromium, follow, screenshot
from .test_check import UBND_PLAN, plan
from .test_search import DUONG
from .tools import needs

HOSTILE = "<script>alert('xss')</script>"
DECISION = (
    plan(15)
    .replace("KẾ HOẠCH\nPhát động", "QUYẾT ĐỊNH\nVề việc phát động")
    .replace("1. Tạo khí thế thi đua.", f"1. Tạo khí thế thi đua. {HOSTILE}")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("web")
    texts = {
        "kho/qd-15.txt": DECISION,
        "kho/ubnd-12.txt": UBND_PLAN,
        "kho/duong.txt": DUONG.replace("2024", "2023"),
    }
    f = tmp / "r.jsonl"
    f.write_text("".join(extract_text(t, path=p).model_dump_json() + "\n" for p, t in texts.items()), "utf-8")
    index_lines(tmp / "archive.db", f.open("rb"))
    server = make_server(tmp / "archive.db", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url) as r:
            return r.status, r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8"), dict(e.headers)


def test_binds_this_machine_only_by_default(site: str) -> None:
    assert site.startswith("http://127.0.0.1:")


def test_pages_are_escaped_and_fetch_nothing_from_elsewhere(site: str) -> None:
    status, html, headers = get(site + "/search?q=" + urllib.request.quote("khí thế <script>"))
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "https://" not in html and "http://" not in html


def test_bad_requests_get_a_status(site: str) -> None:
    assert get(site + "/doc/vb-0000000000000000")[0] == 404
    assert get(site + "/search?q=x&colour=red")[0] == 200  # an unknown parameter is ignored
    assert get(site + "/search?q=x&offset=abc")[0] == 200
    assert get(site + "/nothing")[0] == 404
    assert get(site + "/search?q=" + "x" * 10_000)[0] == 200


def test_serve_warns_when_listening_beyond_this_machine(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pipeline.web as web

    monkeypatch.setattr(web, "serve", lambda *a, **k: None)
    assert main(["serve", str(tmp_path / "x.db"), "--host", "0.0.0.0"]) == 0
    assert "WARNING" in capsys.readouterr().err


@needs("chromium")
def test_in_a_browser_search_filter_and_open_a_document(site: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium() as driver:

        def paths() -> list[str]:
            return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "li.hit .path")]

        def query(q: str) -> list[str]:
            driver.get(site + "/")
            box = driver.find_element(By.NAME, "q")
            box.send_keys(q)
            follow(driver, box.submit, "/search?")
            return paths()

        assert query("quyet dinh") == ["kho/qd-15.txt"]  # without diacritics
        assert query("Quyết định") == ["kho/qd-15.txt"]
        assert "kho/duong.txt" in query("dang van hung")
        marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "li.hit .snippet mark")]
        assert "Đặng" in marks
        # filter by a facet: the year 2024 leaves the 2023 document out
        both = query("ke hoach")
        assert "kho/duong.txt" in both and len(both) >= 2
        facet = driver.find_element(By.CSS_SELECTOR, "ul.facet[data-facet=year] a[href*='year=2024']")
        follow(driver, facet.click, "year=2024")
        filtered = paths()
        assert filtered and "kho/duong.txt" not in filtered
        # open a document: its values and flags marked, its markup shown as text
        query("quyet dinh")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "li.hit a.title").click, "/doc/")
        assert driver.find_elements(By.CSS_SELECTOR, "pre.doctext .hl.k-reference")
        assert driver.find_elements(By.CSS_SELECTOR, "pre.doctext .hl.k-field")
        assert HOSTILE in driver.find_element(By.CSS_SELECTOR, "pre.doctext").text
        cited = driver.find_element(By.CSS_SELECTOR, "a.cited")  # 12/KH-UBND is in the index
        screenshot(driver, "search-document.png")
        follow(driver, cited.click, "/doc/")
        assert "12/KH-UBND" in driver.find_element(By.CSS_SELECTOR, "dl.meta").text
