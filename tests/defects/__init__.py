"""A defect-injection suite: clean documents (the project's forms, a seed with its header
restored and its one error put right, a plan written for the suite), each given one known
defect, rendered as TXT, DOCX and (through LibreOffice) PDF, with the rule that must fire and
the text its evidence must hold.

* :data:`BASES`: the clean originals; no rule may fire on them;
* :data:`DEFECTS`: one row per injected defect — the base, the rule, the text replaced and its
  replacement, and where the flag must point (``None`` for a rule that says something is
  missing and has no evidence in the text);
* :data:`ARCHIVES`: small archives of clean documents broken across documents (a citation
  dated otherwise in one of them, a number used twice…) for the archive rules;
* :func:`score`: per-rule precision and recall of the flags on the injected documents.

A flag counts as found when its rule is the row's and its evidence holds the row's text; any
other flag on an injected document (another rule, or the rule elsewhere) is a false alarm.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.audit.model import Finding
from pipeline.record import Flag

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FORMS = ROOT / "corpus" / "forms"
SEED_004 = ROOT / "corpus" / "seeds" / "004_d597ab0dcd2088e2.txt"
FORMATS = ("txt", "docx", "pdf")


def _seed_004() -> str:
    """Seed 004 as a form: its body under a restored header, the Chỉ thị cited with its one
    date (the seed's 14/04/2025 is its defect) and the signer's position written."""
    text = SEED_004.read_text(encoding="utf-8")
    start = text.index("Thực hiện Kế hoạch số 48-KH/ĐU")
    end = text.index("Đề nghị các phòng, đơn vị trực thuộc Sở triển khai thực hiện./.")
    body = text[start:end] + "Đề nghị các phòng, đơn vị trực thuộc Sở triển khai thực hiện./."
    body = body.replace("14/04/2025", "14/03/2025")
    paragraphs = [" ".join(p.split()) for p in body.split("\n") if p.strip()]
    form = (HERE / "s004_kh_snnmt_31_ct_tu.form").read_text(encoding="utf-8")
    return form.replace("@@SEED_BODY@@", "\n".join(paragraphs))


def _g03_clean() -> str:
    """The công văn fixture with its number written and its one citation date put right."""
    form = (FORMS / "g03_cv_de_nghi_bao_cao.form").read_text(encoding="utf-8")
    return form.replace("Số:      /SNV-TĐKT", "Số: 1520/SNV-TĐKT").replace(
        "ngày 14/3/2026", "ngày 14/02/2026"
    )


def bases() -> dict[str, str]:
    return {
        "g01": (FORMS / "g01_kh_phat_dong_thi_dua.form").read_text(encoding="utf-8"),
        "g02": (FORMS / "g02_qd_khen_thuong_danh_sach.form").read_text(encoding="utf-8"),
        "g03": _g03_clean(),
        "s004": _seed_004(),
        "b05": (HERE / "b05_kh_ubnd_giai_doan.form").read_text(encoding="utf-8"),
    }


@dataclass(frozen=True)
class Defect:
    base: str
    rule: str
    old: str
    new: str
    where: str | None  # text the flag's evidence must hold; None: a part missing, no evidence
    also: tuple[str, ...] = ()  # rules the same defect rightly fires too

    @property
    def name(self) -> str:
        return f"{self.base}-{self.rule}"


G01_SIGNER = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
G01_NUMBER = "Số: 356/KH-SNV"
G01_DATE = "ngày 16 tháng 3 năm 2026"

DEFECTS: tuple[Defect, ...] = (
    # --- a removed number, a blank or unreadable date, leading zeros (Decree 30/2020) ---
    Defect("g01", "number-missing", G01_NUMBER, "Số:      /KH-SNV", "Số:"),
    Defect("s004", "number-missing", "Số: 912/KH-SNNMT", "Số:     /KH-SNNMT", "Số:"),
    Defect("g01", "number-unreadable", G01_NUMBER, "Số: 3Ø6/KH-SNV", "3Ø6"),
    Defect("g01", "number-leading-zero", G01_NUMBER, "Số: 5/KH-SNV", "5/KH-SNV"),
    Defect("g01", "symbol-year-misplaced", G01_NUMBER, "Số: 356/2026/KH-SNV", "356/2026/KH-SNV"),
    Defect("g01", "date-incomplete", G01_DATE, "ngày      tháng 3 năm 2026", "tháng 3 năm 2026"),
    Defect("g01", "date-unreadable", G01_DATE, "ngày 1Z tháng 3 năm 2026", "1Z"),
    Defect("g01", "date-leading-zero", G01_DATE, "ngày 6 tháng 3 năm 2026", "ngày 6 tháng 3"),
    Defect("g01", "date-invalid", "trước ngày 05/12/2026", "trước ngày 31/11/2026", "31/11/2026"),
    Defect("b05", "date-invalid", "trước ngày 28/02/2026", "trước ngày 30/02/2026", "30/02/2026"),
    # --- the type and its symbol, the citations ---
    Defect("g01", "type-symbol-mismatch", G01_NUMBER, "Số: 356/TB-SNV", "356/TB-SNV"),
    Defect(
        "g01", "reference-type-mismatch", "Kế hoạch số 45/KH-UBND", "Công văn số 45/KH-UBND", "Công văn số 45"
    ),
    Defect(
        "g01", "reference-after-issue", "45/KH-UBND ngày 20/01/2026", "45/KH-UBND ngày 20/4/2026", "20/4/2026"
    ),
    Defect(
        "s004",
        "reference-after-issue",
        "Đề nghị các phòng, đơn vị trực thuộc Sở triển khai",
        "Thực hiện Công văn số 150/UBND-KT ngày 15/4/2025 của Ủy ban nhân dân tỉnh. Đề nghị các phòng, "
        "đơn vị trực thuộc Sở triển khai",
        "15/4/2025",
    ),
    Defect(
        "s004",
        "reference-date-mismatch",
        "1. Cụ thể hóa Chỉ thị số 31-CT/TU ngày 14/03/2025",
        "1. Cụ thể hóa Chỉ thị số 31-CT/TU ngày 14/02/2025",
        "14/02/2025",
    ),
    Defect(
        "b05",
        "reference-date-mismatch",
        "1. Cụ thể hóa Chỉ thị số 05-CT/TU ngày 15/01/2026",
        "1. Cụ thể hóa Chỉ thị số 05-CT/TU ngày 16/01/2026",
        "16/01/2026",
    ),
    Defect("g01", "reference-date-missing", "05-CT/TU ngày 15 tháng 01 năm 2026", "05-CT/TU", "05-CT/TU"),
    Defect(
        "g02",
        "cited-document-replaced",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
        "91/2017/NĐ-CP",
    ),
    Defect(
        "b05",
        "cited-document-replaced",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
        "Căn cứ Luật Thi đua, Khen thưởng năm 2003;",
        "năm 2003",
    ),
    # --- the body: numbering, periods, deadlines, anniversaries, awards, leftovers ---
    Defect("g01", "numbering-gap", "2. Yêu cầu", "3. Yêu cầu", "3. Yêu cầu"),
    Defect("s004", "numbering-gap", "3. Giao Văn phòng Sở", "4. Giao Văn phòng Sở", "4. Giao Văn phòng Sở"),
    Defect(
        "g01",
        "period-inverted",
        "Từ ngày 01/4/2026 đến ngày 30/11/2026.",
        "Từ ngày 30/11/2026 đến ngày 01/4/2026.",
        "30/11/2026",
    ),
    Defect("b05", "period-inverted", "Từ năm 2026 đến năm 2030", "Từ năm 2030 đến năm 2026", "năm 2030"),
    Defect("g01", "deadline-before-issue", "trước ngày 15/4/2026", "trước ngày 15/2/2026", "15/2/2026"),
    Defect("g01", "deadline-outside-period", "trước ngày 05/12/2026", "trước ngày 05/12/2027", "05/12/2027"),
    Defect("b05", "deadline-outside-period", "trước ngày 15/11/2028", "trước ngày 15/11/2031", "15/11/2031"),
    Defect("g01", "anniversary-mismatch", "Kỷ niệm 80 năm", "Kỷ niệm 75 năm", "75 năm"),
    Defect(
        "g01",
        "award-authority-exceeded",
        "1. Giám đốc Sở tặng Giấy khen",
        "1. Giám đốc Sở tặng Bằng khen",
        "Bằng khen",
    ),
    Defect(
        "g01",
        "award-form-obsolete",
        "2. Lựa chọn tập thể",
        "2. Tặng Huy hiệu cho cá nhân tiêu biểu; lựa chọn tập thể",
        "Huy hiệu",
    ),
    Defect(
        "g01",
        "stray-artifact",
        "Trên đây là Kế hoạch",
        "D:\\Van ban\\2026\\KH thi dua.docx\nTrên đây là Kế hoạch",
        "D:\\Van ban",
    ),
    Defect(
        "b05",
        "stray-artifact",
        "Trên đây là Kế hoạch",
        "[Ghi tên đơn vị]\nTrên đây là Kế hoạch",
        "[Ghi tên đơn vị]",
    ),
    Defect("b05", "review-order", "sơ kết vào tháng 12/2028", "sơ kết vào tháng 12/2030", "12/2030"),
    Defect(
        "b05",
        "period-title-mismatch",
        "phát triển” giai đoạn 2026 - 2030",
        "phát triển” giai đoạn 2026 - 2031",
        "2026 - 2031",
    ),
    Defect(
        "g01",
        "campaign-plan-part-missing",
        "tổng hợp kết quả, báo cáo Giám đốc Sở",
        "báo cáo Giám đốc Sở",
        None,
    ),
    # --- the form's parts, the signer, the recipients ---
    Defect("g01", "form-part-missing", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "", None),
    Defect("g02", "form-part-missing", "Lào Cai, ngày 05 tháng 6 năm 2026", "ngày 05 tháng 6 năm 2026", None),
    Defect(
        "g03",
        "cong-van-summary-missing",
        "V/v đề nghị báo cáo kết quả phong trào thi đua năm 2026\n",
        "",
        "1520/SNV-TĐKT",
        also=("form-part-missing",),
    ),
    Defect("g01", "archive-copy-missing", "- Lưu: VT, VP.", "- Văn phòng Sở.", "Văn phòng Sở"),
    Defect("g03", "archive-copy-missing", "- Lưu: VT, TĐKT.", "- Ban Thi đua - Khen thưởng.", "Ban Thi đua"),
    Defect("g01", "signer-name-missing", "Nguyễn Thị Hồng Vân", "", None),
    Defect("g01", "signer-position-missing", G01_SIGNER + "\n", "", None),
    Defect("g01", "signer-academic-title", "Nguyễn Thị Hồng Vân", "TS. Nguyễn Thị Hồng Vân", "TS."),
    Defect("g01", "signer-issuer-mismatch", G01_SIGNER, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "CHỦ TỊCH"),
    Defect(
        "s004",
        "signer-issuer-mismatch",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        "CHỦ TỊCH",
    ),
    Defect(
        "g01",
        "recipients-missing",
        "Nơi nhận:\n- UBND tỉnh (b/c);\n- Ban Thi đua - Khen thưởng (p/hợp);\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, VP.",
        " ",
        None,
    ),
    # --- names by date: a province merged on 1 July 2025 ---
    Defect("g02", "agency-anachronism", "TỈNH LÀO CAI\n", "TỈNH YÊN BÁI\n", "YÊN BÁI"),
)

# Rules no defect of a text, a Word file or a printed PDF can carry: a digital signature's
# date (signature-date-mismatch, tested on signed PDFs in test_signed.py), and a type no
# symbol, title or closing gives (type-undecided, info: such a document lacks its whole
# header, which form-part-missing reports).
NOT_INJECTED = {
    "signature-date-mismatch": "needs a signed PDF",
    "type-undecided": "needs a document without a header",
}


@dataclass(frozen=True)
class Archive:
    rule: str
    documents: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (base, its edits) of each document
    where: tuple[str, ...]  # text each involved document's evidence holds, in order


G01_CITES = "Kế hoạch số 45/KH-UBND ngày 20/01/2026"
G01_PERIOD = "Từ ngày 01/4/2026 đến ngày 30/11/2026."
ARCHIVES: tuple[Archive, ...] = (
    Archive(  # two plans citing one plan with two dates (the plan itself not in the archive)
        "archive-reference-date-conflict",
        (
            ("g01", ()),
            ("g01", ((G01_NUMBER, "Số: 357/KH-SNV"), (G01_CITES, "Kế hoạch số 45/KH-UBND ngày 22/01/2026"))),
        ),
        ("20/01/2026", "22/01/2026"),
    ),
    Archive(  # the cited plan is in the archive, dated otherwise than cited
        "archive-citation-mismatch",
        (("g01", ((G01_CITES, "Kế hoạch số 45/KH-UBND ngày 22/01/2026"),)), ("b05", ())),
        ("22/01/2026", "20 tháng 01 năm 2026"),
    ),
    Archive(  # one number used for two different plans in one year
        "archive-number-duplicate",
        (("g01", ()), ("g01", (("văn hóa công sở”", "cải cách hành chính”"),))),
        ("356/KH-SNV", "356/KH-SNV"),
    ),
    Archive(  # the implementing plan runs past the plan it implements
        "archive-period-conflict",
        (("g01", ((G01_PERIOD, "Từ ngày 01/4/2026 đến ngày 30/11/2031."),)), ("b05", ())),
        ("2031", "2030"),
    ),
    Archive(  # the implementing plan names the campaign it implements otherwise
        "archive-period-conflict",
        (
            (
                "g01",
                (
                    (
                        "b) Phát hiện, bồi dưỡng",
                        "b) Hưởng ứng phong trào thi đua “Khánh Hòa đoàn kết, sáng tạo, phát triển bền vững”; "
                        "phát hiện, bồi dưỡng",
                    ),
                ),
            ),
            ("b05", ()),
        ),
        ("phát triển bền vững", "Khánh Hòa đoàn kết, sáng tạo, phát triển"),
    ),
)


def edited(form: str, edits: tuple[tuple[str, str], ...]) -> str:
    for old, new in edits:
        form = inject(form, old, new)
    return form


def inject(form: str, old: str, new: str) -> str:
    """``old`` replaced where it first stands (the header's line before a later mention)."""
    if not old:
        return form
    assert old in form, f"the text to replace is not in the base: {old!r}"
    return form.replace(old, new, 1)


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)  # what went wrong, for the message

    def add_document(self, case: str, expected: dict[str, str | None], flags: Iterable[Flag]) -> None:
        """``expected``: rule → text its evidence holds (None: no evidence to check)."""
        found: set[str] = set()
        for f in flags:
            want = expected.get(f.rule, "<unexpected>")
            hit = f.rule in expected and (want is None or any(want in e.text for e in f.evidence))
            if hit and f.rule not in found:
                found.add(f.rule)
                self.tp[f.rule] += 1
            else:
                self.fp[f.rule] += 1
                self.misses.append(f"{case}: false alarm {f.rule} {[e.text[:60] for e in f.evidence]}")
        for rule in set(expected) - found:
            self.fn[rule] += 1
            self.misses.append(f"{case}: missed {rule}")

    def add_archive(self, case: str, rule: str, where: tuple[str, ...], findings: Iterable[Finding]) -> None:
        hit = False
        for f in findings:
            ok = (
                f.rule == rule
                and len(f.documents) == len(where)
                and all(any(w in e.text for e in d.evidence) for d, w in zip(f.documents, where, strict=True))
            )
            if ok and not hit:
                hit = True
                self.tp[rule] += 1
            else:
                self.fp[f.rule] += 1
                self.misses.append(f"{case}: false alarm {f.rule}: {f.message}")
        if not hit:
            self.fn[rule] += 1
            self.misses.append(f"{case}: missed {rule}")

    def rules(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def precision(self, rule: str) -> float:
        n = self.tp[rule] + self.fp[rule]
        return self.tp[rule] / n if n else 1.0

    def recall(self, rule: str) -> float:
        n = self.tp[rule] + self.fn[rule]
        return self.tp[rule] / n if n else 1.0

    def table(self) -> str:
        lines = [f"{'rule':<34} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6}"]
        for r in self.rules():
            lines.append(
                f"{r:<34} {self.tp[r]:>4} {self.fp[r]:>4} {self.fn[r]:>4} {self.precision(r):>6.2f} {self.recall(r):>6.2f}"
            )
        return "\n".join(lines)


# --- rendering and scoring -------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict[str, str | None]  # rule → evidence text (None: not checked)
    paths: dict[str, Path]  # format → file


@dataclass(frozen=True)
class ArchiveCase:
    archive: Archive
    paths: dict[str, list[Path]]  # format → the archive's files


def _render(forms: dict[str, str], out: Path, formats: tuple[str, ...]) -> dict[str, dict[str, Path]]:
    """Each form written as each format: {name: {format: path}}."""
    from ..render import convert, parse_form, to_docx, to_txt

    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, dict[str, Path]] = {}
    docx = []
    for name, form in forms.items():
        blocks = parse_form(form)
        paths[name] = {}
        if "txt" in formats:
            p = out / f"{name}.txt"
            p.write_text(to_txt(blocks), encoding="utf-8")
            paths[name]["txt"] = p
        if "docx" in formats or "pdf" in formats:
            p = out / f"{name}.docx"
            p.write_bytes(to_docx(blocks))
            paths[name]["docx"] = p
            docx.append(p)
    if "pdf" in formats:
        pdf_dir = out / "pdf"
        pdf_dir.mkdir(exist_ok=True)
        for src, pdf in convert(docx, pdf_dir).items():
            paths[src.stem]["pdf"] = pdf
    for name in paths:
        if "docx" not in formats:
            paths[name].pop("docx", None)
    return paths


def build(
    out: Path, formats: tuple[str, ...] = FORMATS
) -> tuple[dict[str, dict[str, Path]], list[Case], list[ArchiveCase]]:
    """Render the clean bases, every defect and every archive in ``formats`` under ``out``."""
    base = bases()
    forms = {f"clean-{k}": v for k, v in base.items()}
    for d in DEFECTS:
        forms[d.name] = inject(base[d.base], d.old, d.new)
    for k, a in enumerate(ARCHIVES):
        for i, (b, edits) in enumerate(a.documents):
            forms[f"a{k}-{a.rule}-{i}"] = edited(base[b], edits)
    paths = _render(forms, out, formats)
    clean = {k.removeprefix("clean-"): v for k, v in paths.items() if k.startswith("clean-")}
    cases = [Case(d.name, {d.rule: d.where, **dict.fromkeys(d.also)}, paths[d.name]) for d in DEFECTS]
    archives = [
        ArchiveCase(
            a, {fmt: [paths[f"a{k}-{a.rule}-{i}"][fmt] for i in range(len(a.documents))] for fmt in formats}
        )
        for k, a in enumerate(ARCHIVES)
    ]
    return clean, cases, archives


def run(out: Path, formats: tuple[str, ...] = FORMATS) -> tuple[Tally, dict[str, list[str]]]:
    """Build the suite and check it: the tally over the injected documents and archives, and
    the rules that fired on each clean original ({"g01/txt": [...]})."""
    from pipeline import extract
    from pipeline.audit import check

    clean, cases, archives = build(out, formats)
    on_clean = {}
    for name, by_format in clean.items():
        for fmt, p in by_format.items():
            on_clean[f"{name}/{fmt}"] = [f.rule for f in extract(p).flags]
    for fmt in formats:  # the clean originals together: an archive with nothing across it
        together = [extract(by_format[fmt]) for by_format in clean.values()]
        on_clean[f"archive/{fmt}"] = [f.rule for f in check(together) if f.scope == "archive"]
    tally = Tally()
    for c in cases:
        for fmt, p in c.paths.items():
            tally.add_document(f"{c.name}/{fmt}", c.expected, extract(p).flags)
    for a in archives:
        for fmt, ps in a.paths.items():
            found = [f for f in check(extract(p) for p in ps) if f.scope == "archive"]
            tally.add_archive(f"{a.archive.rule}/{fmt}", a.archive.rule, a.archive.where, found)
    return tally, on_clean
