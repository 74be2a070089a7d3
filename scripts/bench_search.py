"""The search index on a large synthetic archive: build rate, query latency over a fixed set of
200 mixed queries, and the cost of re-indexing after 1% of the records change.

The archive: the project's 24 documents (corpus/seeds, corpus/fixtures) varied — provinces,
people's names and campaign names swapped from pools, a unique archive note with rare words
and the signer's name appended — 1,000 distinct texts extracted, each copied with its own
id, path and hash up to N records (each copy's note differs: no two records are the same).

    python scripts/bench_search.py [N]      # default 100000
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import extract_many, extract_text  # noqa: E402
from pipeline.search import index_lines, open_archive, search  # noqa: E402
from pipeline.search.fold import fold  # noqa: E402

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]
PROVINCES = [
    "Lâm Đồng",
    "Khánh Hòa",
    "Lào Cai",
    "Bắc Ninh",
    "Kon Tum",
    "Gia Lai",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Ninh",
    "Đắk Lắk",
    "Cà Mau",
    "An Giang",
    "Đồng Tháp",
    "Hà Tĩnh",
    "Quảng Trị",
    "Tây Ninh",
]
THEMES = [
    "Chung sức xây dựng nông thôn mới",
    "Doanh nghiệp tiêu biểu",
    "Chuyển đổi số toàn diện",
    "Vì người nghèo",
    "Dân vận khéo",
    "Cán bộ tận tụy",
    "Đổi mới sáng tạo",
    "Xanh hóa công sở",
    "Học tập suốt đời",
    "Biển đảo quê hương",
]
DISTINCT = 1000
SEED = 20261205


def name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def variants(rng: random.Random) -> list[str]:
    base = [r.text for r in extract_many([ROOT / "corpus" / "seeds", ROOT / "corpus" / "fixtures"]) if r.text]
    words = sorted({w for t in base for w in t.split() if w.isalpha() and len(w) > 3})
    out = []
    for i in range(DISTINCT):
        t = base[i % len(base)]
        for p in PROVINCES[:6]:
            if p in t:
                t = t.replace(p, rng.choice(PROVINCES))
        t = t.replace("“", f"“{rng.choice(THEMES)} – ", 1)
        signer = name(rng)
        t += f"\n\nGhi chú lưu trữ: {' '.join(rng.sample(words, 12))}; người ký {signer}."
        out.append(t)
    return out


def make_archive(n: int, dest: Path, rng: random.Random) -> list[dict]:
    texts = variants(rng)
    recs = [
        json.loads(r.model_dump_json())
        for r in (extract_text(t, path=f"v/{k}.txt") for k, t in enumerate(texts))
    ]
    with dest.open("w", encoding="utf-8") as fh:
        for i in range(n):
            r = dict(recs[i % DISTINCT])
            r["id"] = f"vb-{i:016x}"
            r["source"] = {**r["source"], "path": f"kho/{i // 1000:03d}/{i:06d}.txt", "sha256": f"{i:064x}"}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


def queries(recs: list[dict], rng: random.Random) -> list[tuple[str, dict[str, list[str]]]]:
    """200 queries: numbers, names with and without marks, phrases, rare words, filtered, common
    words and prefixes."""
    qs: list[tuple[str, dict[str, list[str]]]] = []
    nums = [
        x
        for r in recs
        for x in [
            r["document"].get("number")
            and r["document"].get("symbol")
            and f"{r['document']['number']}/{r['document']['symbol']}"
        ]
        if x
    ]
    cited = [ref["number_symbol"] for r in recs for ref in r["references"]]
    qs += [(rng.choice(nums + cited), {}) for _ in range(40)]
    for k in range(40):
        nm = name(rng)
        qs.append((nm if k % 2 else fold(nm), {}))
    for _ in range(30):
        words = rng.choice(recs)["text"].split()
        j = rng.randrange(0, max(1, len(words) - 3))
        qs.append(('"' + " ".join(w.strip('.,;:()“”"') for w in words[j : j + 3]) + '"', {}))
    vocab = sorted({w.strip(".,;:") for r in recs for w in r["text"].split()[-20:] if len(w) > 4})
    qs += [(rng.choice(vocab) + (" " + rng.choice(vocab) if k % 2 else ""), {}) for k in range(30)]
    years = ["2021", "2023", "2024", "2025", "2026"]
    qs += [
        (
            rng.choice(["khen thưởng", "phong trào", "giấy khen", "kế hoạch"]),
            {"year": [rng.choice(years)], "province": [rng.choice(PROVINCES)]},
        )
        for _ in range(30)
    ]
    qs += [
        (rng.choice(["thi đua", "ke hoach", "khen thuong", "Quyết định", "ủy ban nhân dân"]), {})
        for _ in range(20)
    ]
    qs += [(rng.choice(vocab)[:4] + "*", {}) for _ in range(10)]
    return qs


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="vanban-bench-search-") as tmp:
        records = Path(tmp) / "records.jsonl"
        recs = make_archive(n, records, rng)
        db = Path(tmp) / "archive.db"
        t = time.perf_counter()
        st = index_lines(db, records.open("rb"))
        build = time.perf_counter() - t
        print(
            f"build: {st.added} records in {build:.1f} s = {st.added / build:.0f} records/s; "
            f"index {db.stat().st_size / 2**20:.0f} MB of records and "
            f"{sum(f.stat().st_size for f in Path(str(db) + '.tantivy').iterdir()) / 2**20:.0f} MB of words"
        )
        conn = open_archive(db)
        times, slow = [], []
        for q, f in queries(recs, rng):
            t = time.perf_counter()
            res = search(conn, q, f)
            ms = (time.perf_counter() - t) * 1000
            times.append(ms)
            slow.append((ms, q, f, res.total))
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(
            f"queries: {len(times)}; p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
            f"max {times[-1]:.1f} ms"
        )
        for ms, q, f, total in sorted(slow, reverse=True)[:8]:
            print(f"  {ms:7.1f} ms  {total:>7} hits  {q[:40]!r} {f or ''}")
        conn.close()
        # 1% of the records changed: their notes rewritten, their hashes new
        changed = Path(tmp) / "changed.jsonl"
        with records.open("rb") as src, changed.open("w", encoding="utf-8") as dst:
            for i, raw in enumerate(src):
                if i % 100 == 0:
                    r = json.loads(raw)
                    r["text"] += " Đã chỉnh lý."
                    r["source"]["sha256"] = f"{i:063x}f"
                    dst.write(json.dumps(r, ensure_ascii=False) + "\n")
                else:
                    dst.write(raw.decode("utf-8"))
        t = time.perf_counter()
        st = index_lines(db, changed.open("rb"))
        again = time.perf_counter() - t
        print(
            f"re-index after 1% changed: {st.updated} updated, {st.unchanged} unchanged in {again:.1f} s "
            f"= {again / build:.2f} of the build"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
