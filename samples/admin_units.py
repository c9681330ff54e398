"""Real administrative units (GSO codes and names) that the sample workbooks are built on.

Sources, cross-checked against each other:
- GSO codes before 07/2025: the dataset of github.com/daohoangson/dvhcvn (data/dvhcvn.json,
  level1 15 "Tỉnh Yên Bái"), whose snapshot predates Nghị quyết 871/NQ-UBTVQH14
  (10/01/2020, in force 01/02/2020); 871 merged Yên Hưng and Hoàng Thắng away from Văn Yên,
  and left Lục Yên, Mù Cang Chải and Trạm Tấu unchanged.
- Units still in existence in 06/2025: Nghị quyết 1673/NQ-UBTVQH15 (16/06/2025), which lists
  every old commune of Lào Cai and Yên Bái merged into each new one (copy in
  github.com/dvhcvn/20250701, input/docs/1673_NQ-UBTVQH15.md). Each district below has the
  same communes there as after 871, so they are the communes of 2024.
- Codes after 07/2025: Công văn 1027/CTK-CSCL (25/06/2025, Phụ lục I, tỉnh Lào Cai) and the
  34-province list of Công văn 915/CTK-CSCL (new Lào Cai keeps code 15), both in
  github.com/dvhcvn/20250701, input/docs/.
Spellings follow the 2025 resolutions ("Mù Cang Chải", "Dế Xu Phình", "Tà Xi Láng", "Hát Lừu").
"""

from __future__ import annotations

from typing import NamedTuple


class District(NamedTuple):
    code: str
    name: str
    # The health centre's own name, as the district sheet writes it.
    centre: str


class Commune(NamedTuple):
    code: str
    name: str
    district: str


YEN_BAI_CODE = "15"

YEN_BAI_DISTRICTS: tuple[District, ...] = (
    District("132", "Thành phố Yên Bái", "Trung tâm Y tế thành phố Yên Bái"),
    District("133", "Thị xã Nghĩa Lộ", "Trung tâm Y tế thị xã Nghĩa Lộ"),
    District("135", "Huyện Lục Yên", "Trung tâm Y tế huyện Lục Yên"),
    District("136", "Huyện Văn Yên", "Trung tâm Y tế huyện Văn Yên"),
    District("137", "Huyện Mù Cang Chải", "Trung tâm Y tế huyện Mù Cang Chải"),
    District("138", "Huyện Trấn Yên", "Trung tâm Y tế huyện Trấn Yên"),
    District("139", "Huyện Trạm Tấu", "Trung tâm Y tế huyện Trạm Tấu"),
    District("140", "Huyện Văn Chấn", "Trung tâm Y tế huyện Văn Chấn"),
    District("141", "Huyện Yên Bình", "Trung tâm Y tế huyện Yên Bình"),
)


def _communes(district: str, rows: str) -> tuple[Commune, ...]:
    """Communes of one district from "code name" lines."""
    pairs = (line.strip().split(" ", 1) for line in rows.strip().splitlines())
    return tuple(Commune(code, name, district) for code, name in pairs)


# The four Yên Bái districts whose communes are verified for 2024 (see the module docstring).
YEN_BAI_COMMUNES: tuple[Commune, ...] = (
    *_communes(
        "135",
        """
        04303 Thị trấn Yên Thế
        04306 Xã Tân Phượng
        04309 Xã Lâm Thượng
        04312 Xã Khánh Thiện
        04315 Xã Minh Chuẩn
        04318 Xã Mai Sơn
        04321 Xã Khai Trung
        04324 Xã Mường Lai
        04327 Xã An Lạc
        04330 Xã Minh Xuân
        04333 Xã Tô Mậu
        04336 Xã Tân Lĩnh
        04339 Xã Yên Thắng
        04342 Xã Khánh Hòa
        04345 Xã Vĩnh Lạc
        04348 Xã Liễu Đô
        04351 Xã Động Quan
        04354 Xã Tân Lập
        04357 Xã Minh Tiến
        04360 Xã Trúc Lâu
        04363 Xã Phúc Lợi
        04366 Xã Phan Thanh
        04369 Xã An Phú
        04372 Xã Trung Tâm
        """,
    ),
    *_communes(
        "136",
        """
        04375 Thị trấn Mậu A
        04378 Xã Lang Thíp
        04381 Xã Lâm Giang
        04384 Xã Châu Quế Thượng
        04387 Xã Châu Quế Hạ
        04390 Xã An Bình
        04393 Xã Quang Minh
        04396 Xã Đông An
        04399 Xã Đông Cuông
        04402 Xã Phong Dụ Hạ
        04405 Xã Mậu Đông
        04408 Xã Ngòi A
        04411 Xã Xuân Tầm
        04414 Xã Tân Hợp
        04417 Xã An Thịnh
        04420 Xã Yên Thái
        04423 Xã Phong Dụ Thượng
        04426 Xã Yên Hợp
        04429 Xã Đại Sơn
        04435 Xã Đại Phác
        04438 Xã Yên Phú
        04441 Xã Xuân Ái
        04447 Xã Viễn Sơn
        04450 Xã Mỏ Vàng
        04453 Xã Nà Hẩu
        """,
    ),
    *_communes(
        "137",
        """
        04456 Thị trấn Mù Cang Chải
        04459 Xã Hồ Bốn
        04462 Xã Nậm Có
        04465 Xã Khao Mang
        04468 Xã Mồ Dề
        04471 Xã Chế Cu Nha
        04474 Xã Lao Chải
        04477 Xã Kim Nọi
        04480 Xã Cao Phạ
        04483 Xã La Pán Tẩn
        04486 Xã Dế Xu Phình
        04489 Xã Chế Tạo
        04492 Xã Púng Luông
        04495 Xã Nậm Khắt
        """,
    ),
    *_communes(
        "139",
        """
        04585 Thị trấn Trạm Tấu
        04588 Xã Túc Đán
        04591 Xã Pá Lau
        04594 Xã Xà Hồ
        04597 Xã Phình Hồ
        04600 Xã Trạm Tấu
        04603 Xã Tà Xi Láng
        04606 Xã Pá Hu
        04609 Xã Làng Nhì
        04612 Xã Bản Công
        04615 Xã Bản Mù
        04618 Xã Hát Lừu
        """,
    ),
)

# Huyện Văn Chấn as after Nghị quyết 871 (xã Sơn Thịnh became thị trấn Sơn Thịnh). Xã Nghĩa
# Sơn (04666) is left out: the 2025 resolution does not say which district it belonged to then.
VAN_CHAN_COMMUNES: tuple[Commune, ...] = _communes(
    "140",
    """
    04621 Thị trấn Nông trường Liên Sơn
    04627 Thị trấn Nông trường Trần Phú
    04630 Xã Tú Lệ
    04633 Xã Nậm Búng
    04636 Xã Gia Hội
    04639 Xã Sùng Đô
    04642 Xã Nậm Mười
    04645 Xã An Lương
    04648 Xã Nậm Lành
    04651 Xã Sơn Lương
    04654 Xã Suối Quyền
    04657 Xã Suối Giàng
    04669 Xã Suối Bu
    04672 Thị trấn Sơn Thịnh
    04687 Xã Đại Lịch
    04690 Xã Đồng Khê
    04693 Xã Cát Thịnh
    04696 Xã Tân Thịnh
    04699 Xã Chấn Thịnh
    04702 Xã Bình Thuận
    04705 Xã Thượng Bằng La
    04708 Xã Minh An
    04711 Xã Nghĩa Tâm
    """,
)

LAO_CAI_CODE = "15"

# All 99 commune-level units of tỉnh Lào Cai from 01/07/2025, in the order of CV 1027/CTK-CSCL.
LAO_CAI_2025_COMMUNES: tuple[Commune, ...] = _communes(
    "",
    """
    04465 Xã Khao Mang
    04456 Xã Mù Cang Chải
    04492 Xã Púng Luông
    04630 Xã Tú Lệ
    04606 Xã Trạm Tấu
    04585 Xã Hạnh Phúc
    04609 Xã Phình Hồ
    04288 Phường Nghĩa Lộ
    04663 Phường Trung Tâm
    04681 Phường Cầu Thia
    04660 Xã Liên Sơn
    04636 Xã Gia Hội
    04651 Xã Sơn Lương
    04705 Xã Thượng Bằng La
    04699 Xã Chấn Thịnh
    04711 Xã Nghĩa Tâm
    04672 Xã Văn Chấn
    04402 Xã Phong Dụ Hạ
    04387 Xã Châu Quế
    04381 Xã Lâm Giang
    04399 Xã Đông Cuông
    04429 Xã Tân Hợp
    04375 Xã Mậu A
    04441 Xã Xuân Ái
    04450 Xã Mỏ Vàng
    04309 Xã Lâm Thượng
    04303 Xã Lục Yên
    04336 Xã Tân Lĩnh
    04342 Xã Khánh Hòa
    04363 Xã Phúc Lợi
    04345 Xã Mường Lai
    04726 Xã Cảm Nhân
    04744 Xã Yên Thành
    04717 Xã Thác Bà
    04714 Xã Yên Bình
    04750 Xã Bảo Ái
    04279 Phường Văn Phú
    04252 Phường Yên Bái
    04273 Phường Nam Cường
    04543 Phường Âu Lâu
    04498 Xã Trấn Yên
    04576 Xã Hưng Khánh
    04537 Xã Lương Thịnh
    04564 Xã Việt Hồng
    04531 Xã Quy Mông
    02902 Xã Phong Hải
    02926 Xã Xuân Quang
    02905 Xã Bảo Thắng
    02908 Xã Tằng Loỏng
    02923 Xã Gia Phú
    02746 Xã Cốc San
    02680 Xã Hợp Thành
    02671 Phường Cam Đường
    02647 Phường Lào Cai
    02728 Xã Mường Hum
    02707 Xã Dền Sáng
    02701 Xã Y Tý
    02686 Xã A Mú Sung
    02695 Xã Trịnh Tường
    02725 Xã Bản Xèo
    02683 Xã Bát Xát
    02953 Xã Nghĩa Đô
    02968 Xã Thượng Hà
    02947 Xã Bảo Yên
    02962 Xã Xuân Hòa
    02998 Xã Phúc Khánh
    02989 Xã Bảo Hà
    03061 Xã Võ Lao
    03103 Xã Khánh Yên
    03082 Xã Văn Bàn
    03106 Xã Dương Quỳ
    03091 Xã Chiềng Ken
    03121 Xã Minh Lương
    03076 Xã Nậm Chày
    03043 Xã Mường Bo
    03046 Xã Bản Hồ
    03013 Xã Tả Phìn
    03037 Xã Tả Van
    03006 Phường Sa Pa
    02896 Xã Cốc Lầu
    02890 Xã Bảo Nhai
    02869 Xã Bản Liền
    02839 Xã Bắc Hà
    02842 Xã Tả Củ Tỷ
    02848 Xã Lùng Phình
    02752 Xã Pha Long
    02761 Xã Mường Khương
    02788 Xã Bản Lầu
    02782 Xã Cao Sơn
    02809 Xã Si Ma Cai
    02824 Xã Sín Chéng
    04474 Xã Lao Chải
    04489 Xã Chế Tạo
    04462 Xã Nậm Có
    04603 Xã Tà Xi Láng
    04423 Xã Phong Dụ Thượng
    04693 Xã Cát Thịnh
    03085 Xã Nậm Xé
    03004 Xã Ngũ Chỉ Sơn
    """,
)

# Regional health centres ("Trung tâm Y tế khu vực") of the new Lào Cai. No official code list
# exists for them; the sample names each after the former district it serves and gives it that
# district's former GSO code (Lào Cai 080–089, Yên Bái 132–141).
LAO_CAI_2025_CENTRES: tuple[District, ...] = tuple(
    District(code, area, f"Trung tâm Y tế khu vực {area}")
    for code, area in (
        ("080", "Lào Cai"),
        ("082", "Bát Xát"),
        ("083", "Mường Khương"),
        ("084", "Si Ma Cai"),
        ("085", "Bắc Hà"),
        ("086", "Bảo Thắng"),
        ("087", "Bảo Yên"),
        ("088", "Sa Pa"),
        ("089", "Văn Bàn"),
        ("132", "Yên Bái"),
        ("133", "Nghĩa Lộ"),
        ("135", "Lục Yên"),
        ("136", "Văn Yên"),
        ("137", "Mù Cang Chải"),
        ("138", "Trấn Yên"),
        ("139", "Trạm Tấu"),
        ("140", "Văn Chấn"),
        ("141", "Yên Bình"),
    )
)
