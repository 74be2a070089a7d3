"""Quoted campaigns, themes, mottos and cuộc vận động."""

from __future__ import annotations

import pytest

from pipeline.extract.campaigns import find_campaigns

from .conftest import make_text


def read(raw: str, rules, title: str | None = None) -> list[tuple[str, str]]:
    return [(c.kind, c.name) for c in find_campaigns(make_text(raw, rules), 0, title)]


ROWS = [
    (
        "phong trào thi đua “Sóc Trăng chung sức xây dựng nông thôn mới”",
        [("phong_trao", "Sóc Trăng chung sức xây dựng nông thôn mới")],
    ),
    (
        "Phong trào *“Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”*;",
        [("phong_trao", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau")],
    ),
    (
        "với chủ đề: “Đoàn kết, kỷ cương, đổi mới, sáng tạo”",
        [("chu_de", "Đoàn kết, kỷ cương, đổi mới, sáng tạo")],
    ),
    (
        "theo chủ đề **“Đoàn kết, sáng tạo thi đua xây dựng và bảo vệ Tổ quốc”**",
        [("chu_de", "Đoàn kết, sáng tạo thi đua xây dựng và bảo vệ Tổ quốc")],
    ),
    ("chủ đề năm 2024 “Kỷ cương, trách nhiệm”", [("chu_de", "Kỷ cương, trách nhiệm")]),
    ("bảo đảm phương châm “*5K + vắc xin*”", [("phuong_cham", "5K + vắc xin")]),
    (
        "với phương châm “Kỷ cương, trách nhiệm, hành động”",
        [("phuong_cham", "Kỷ cương, trách nhiệm, hành động")],
    ),
    ("khẩu hiệu hành động “Đoàn kết, kỷ cương”", [("phuong_cham", "Đoàn kết, kỷ cương")]),
    (
        "Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
        [("cuoc_van_dong", "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh")],
    ),
    (
        "cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
        [("cuoc_van_dong", "Người Việt Nam ưu tiên dùng hàng Việt Nam")],
    ),
    ("phong trào thi đua yêu nước “Vì người nghèo”", [("phong_trao", "Vì người nghèo")]),
    ("phong trào thi đua đặc biệt “Chào mừng Đại hội”", [("phong_trao", "Chào mừng Đại hội")]),
    ("đợt thi đua “100 ngày đêm”", [("phong_trao", "100 ngày đêm")]),
    (
        'chương trình "Một triệu lá cờ Tổ Quốc cùng ngư dân bám biển"',
        [("phong_trao", "Một triệu lá cờ Tổ Quốc cùng ngư dân bám biển")],
    ),
    ("phong trào mang tên “Tuổi trẻ sáng tạo”", [("phong_trao", "Tuổi trẻ sáng tạo")]),
    # lists continue the kind of the first
    (
        "phong trào “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021- 2025; “Cán bộ, công chức thi đua thực hiện văn hóa công sở”;..",
        [
            ("phong_trao", "Cả nước chung sức xây dựng nông thôn mới"),
            ("phong_trao", "Cán bộ, công chức thi đua thực hiện văn hóa công sở"),
        ],
    ),
    (
        "các phong trào “Chất lượng VNPT”, “Sáng tạo VNPT” và “Nụ cười VNPT”",
        [("phong_trao", "Chất lượng VNPT"), ("phong_trao", "Sáng tạo VNPT"), ("phong_trao", "Nụ cười VNPT")],
    ),
    # the cue with a mark misread or left off (emu_012's scan: "phòng trào “Đổi mới…”")
    ("và phòng trào “Đổi mới, sáng tạo, hiệu quả”.", [("phong_trao", "Đổi mới, sáng tạo, hiệu quả")]),
    ("hưởng ứng phong trao “Xanh - Sạch - Đẹp”", [("phong_trao", "Xanh - Sạch - Đẹp")]),
    (
        "Cuoc van dong “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
        [("cuoc_van_dong", "Người Việt Nam ưu tiên dùng hàng Việt Nam")],
    ),
    # a heading that is only the cue, the quote opening the next line (emu_013)
    (
        "II. KHẨU HIỆU ĐỢT THI ĐUA\n“Đoàn kết, chung sức, đồng lòng”\nIII. THỜI GIAN",
        [("phuong_cham", "Đoàn kết, chung sức, đồng lòng")],
    ),
    ("3. Chủ đề năm 2024:\n“Kỷ cương, trách nhiệm”", [("chu_de", "Kỷ cương, trách nhiệm")]),
    ("a) Phương châm\n“Nói đi đôi với làm”", [("phuong_cham", "Nói đi đôi với làm")]),
    # not campaigns
    ("II. KHẨU HIỆU ĐỢT THI ĐUA\nCác đơn vị nêu “khẩu hiệu riêng”", []),  # the quote does not open its line
    ("Trao giải cho phòng “Văn thư”", []),
    ("với tinh thần “*chống dịch như chống giặc*”", []),
    ("đảm bảo “*mục tiêu kép*” vừa chống dịch", []),
    ("về *“Tiếp tục đổi mới công tác thi đua, khen thưởng”*", []),
    ("nhận thức “xây dựng nông thôn mới là quá trình liên tục”", []),
    ("gắn với việc “đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”", []),
    ("tiến vào “Thập niên nâng tầm phát triển”", []),
    ("Đã có thành tích xuất sắc trong “công tác năm 2021”", []),
]


@pytest.mark.parametrize(("raw", "expected"), ROWS, ids=[r[:50] for r, _ in ROWS])
def test_campaign_phrases(raw: str, expected: list, rules) -> None:
    assert read(raw, rules) == expected


def test_repeated_name_is_one_campaign_with_its_period_and_role(rules) -> None:
    raw = (
        "Tổ chức thực hiện phong trào thi đua “Sóc Trăng chung sức xây dựng nông thôn mới”, giai đoạn 2021 - 2025\n\n"
        "Căn cứ Kế hoạch về Phong trào thi đua “Sóc Trăng chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025."
    )
    t = make_text(raw, rules)
    (c,) = find_campaigns(t, 0, raw.split("\n")[0])
    assert c.role == "launched" and len(c.mentions) == 2
    assert c.period is not None and (c.period.start, c.period.end) == ("2021", "2025")
    assert all(t.text[m.start : m.end] == m.text for m in c.mentions)


def test_a_campaign_someone_else_launched_is_referenced(rules) -> None:
    (c,) = find_campaigns(
        make_text(
            "phong trào thi đua yêu nước do Thủ tướng Chính phủ phát động như: phong trào “Cả nước chung sức”",
            rules,
        )
    )
    assert c.role == "referenced"
