"""The review report (``vanban report``): its files, escaped text, links between documents,
and — in a real headless Chromium — the archive page, a click through to a document, and the
highlights there, with a screenshot kept as a test artifact (``test-artifacts/``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract_text
from pipeline.cli import main
from pipeline.report import write_report

from .browser import chromium, follow, screenshot
from .test_check import BASIS, UBND_PLAN, plan
from .tools import needs

HOSTILE = "<script>alert('xss')</script><img src=x onerror=alert(1)>"


def archive(tmp_path: Path) -> Path:
    other = BASIS.replace("20/02/2024", "21/02/2024")
    texts = {
        "kho/ke-hoach-15.txt": plan(15),
        "kho/ke-hoach-16.txt": plan(16, basis=other, title="khác năm 2024"),
        "kho/ubnd-12.txt": UBND_PLAN,
        "kho/<img src=x onerror=alert(2)>hostile.txt": plan(17, title="độc hại năm 2024").replace(
            "1. Tạo khí thế thi đua.", f"1. Tạo khí thế thi đua. {HOSTILE}"
        ),
    }
    f = tmp_path / "records.jsonl"
    f.write_text("".join(extract_text(t, path=p).model_dump_json() + "\n" for p, t in texts.items()), "utf-8")
    return f


@pytest.fixture
def site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    write_report([archive(tmp_path)], out)
    return out


def test_the_site_has_every_file(site: Path) -> None:
    assert {p.name for p in site.iterdir()} >= {"index.html", "report.md", "report.json", "docs", "assets"}
    assert len(list((site / "docs").glob("vb-*.html"))) == 4
    assert (site / "assets" / "report.css").exists() and (site / "assets" / "report.js").exists()


def test_nothing_is_fetched_from_the_network(site: Path) -> None:
    for page in [site / "index.html", *(site / "docs").glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in html and "//cdn" not in html


def test_document_text_is_escaped(site: Path) -> None:
    pages = [site / "index.html", *(site / "docs").glob("*.html")]
    joined = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "<script>alert" not in joined and "<img src=x" not in joined
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=alert(2)&gt;hostile.txt" in joined


def test_the_archive_page_counts_and_charts(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 4  # by rule, severity, issuer, year
    assert "archive-reference-date-conflict" in html and 'class="sortable"' in html


def test_a_document_page_links_to_the_documents_it_cites(site: Path, tmp_path: Path) -> None:
    rec = extract_text(UBND_PLAN, path="kho/ubnd-12.txt")
    cited = extract_text(plan(15), path="kho/ke-hoach-15.txt")
    html = (site / "docs" / f"{cited.id}.html").read_text(encoding="utf-8")
    assert f'class="cited" href="{rec.id}.html"' in html
    assert 'class="hl k-reference' in html and 'class="hl k-field' in html


def test_a_cited_document_lists_the_documents_citing_it(site: Path) -> None:
    cited = extract_text(UBND_PLAN, path="kho/ubnd-12.txt")
    citing = extract_text(plan(15), path="kho/ke-hoach-15.txt")
    html = (site / "docs" / f"{cited.id}.html").read_text(encoding="utf-8")
    assert "Được viện dẫn bởi" in html and f'href="../docs/{citing.id}.html"' in html
    edges = json.loads((site / "report.json").read_text(encoding="utf-8"))["citations"]
    assert {"from": citing.id, "to": cited.id, "number_symbol": "12/KH-UBND"} in edges


def test_json_markdown_and_excel_hold_the_findings(site: Path) -> None:
    data = json.loads((site / "report.json").read_text(encoding="utf-8"))
    rules = {f["rule"] for f in data["findings"]}
    assert "archive-reference-date-conflict" in rules and data["documents"] == 4
    assert any(r["id"] == "archive-reference-date-conflict" and r["fail"] == 1 for r in data["rules"])
    assert "archive-reference-date-conflict" in (site / "report.md").read_text(encoding="utf-8")
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(site / "flags.xlsx").active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["finding", "rule", "severity"] and sheet.max_row > 2


def test_vanban_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["report", str(archive(tmp_path)), "-o", str(out)]) == 0
    assert (out / "index.html").exists()
    assert "4 documents" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["report", str(archive(tmp_path)), "-o", str(tmp_path / "file")]) == 2


@needs("chromium")
def test_in_a_browser_click_through_to_a_document_with_highlights(site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with chromium() as driver:
        driver.get((site / "index.html").as_uri())
        assert "Báo cáo kiểm tra" in driver.title
        rows = driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
        # filter by rule: only that rule's rows stay visible
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=rule]")).select_by_visible_text(
            "archive-reference-date-conflict"
        )
        visible = [r for r in rows if r.is_displayed()]
        assert len(visible) == 1 and len(rows) > 1
        follow(driver, visible[0].find_element(By.CSS_SELECTOR, "a.doclink").click, "/docs/")
        flagged = driver.find_elements(By.CSS_SELECTOR, "pre.doctext .hl.k-flag")
        assert flagged and any("12/KH-UBND" in e.text for e in flagged)
        assert driver.find_elements(By.CSS_SELECTOR, "pre.doctext .hl.k-reference")
        screenshot(driver, "report-document.png")
        # the hostile document shows its markup as text, and no script ran
        driver.get((site / "index.html").as_uri())
        link = next(
            a for a in driver.find_elements(By.CSS_SELECTOR, "#documents a.doclink") if "hostile" in a.text
        )
        assert link.text == "<img src=x onerror=alert(2)>hostile.txt"
        follow(driver, link.click, "/docs/")
        assert HOSTILE in driver.find_element(By.CSS_SELECTOR, "pre.doctext").text
        assert "độc hại" in driver.title  # an alert open would make this raise
        assert not driver.find_elements(By.CSS_SELECTOR, "pre.doctext img, pre.doctext script")
