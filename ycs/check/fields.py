"""The field catalogue: names, Vietnamese headers, aliases and types of every input column.

This module is the single source of truth that the header matcher, the validators, the
blank template and the documentation all read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

# The levels at which indicators are computed, and the code and name columns that identify a
# unit at each.
Level = Literal["commune", "district", "province"]
LEVELS: tuple[Level, ...] = ("commune", "district", "province")
LEVEL_COLUMNS: dict[Level, tuple[str, str]] = {
    "commune": ("commune_code", "commune_name"),
    "district": ("district_code", "district_name"),
    "province": ("province_code", "province_name"),
}

SheetKind = Literal["commune", "district"]
# How a field combines over time (SPEC §8.1): a stock is a state at the end of a period
# (the latest sub-period counts), a flow counts events during it (sub-periods add up).
OverTime = Literal["stock", "flow"]
SHEET_KINDS: tuple[SheetKind, ...] = ("commune", "district")
# The form's sheets as the template names them, in every language: like its headings, the
# form is the Vietnamese one the communes and districts fill in.
SHEET_NAMES: dict[SheetKind, str] = {"commune": "Biểu xã", "district": "Biểu huyện"}


class FieldType(StrEnum):
    CODE = "code"
    TEXT = "text"
    INT = "int"
    NUM = "num"
    PCT = "pct"
    BOOL = "bool"
    PERIOD = "period"


class Field(BaseModel):
    """One input column. `minimum`/`maximum` are inclusive bounds checked on the value."""

    model_config = ConfigDict(frozen=True)

    name: str
    header: str
    header_en: str
    aliases: tuple[str, ...] = ()
    type: FieldType
    required: bool = False
    width: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    # True for the facts that only a commune with a health station can report.
    needs_station: bool = False
    over_time: OverTime = "stock"

    @property
    def numeric(self) -> bool:
        return self.type in (FieldType.INT, FieldType.NUM, FieldType.PCT)

    @property
    def integer(self) -> bool:
        return self.type is FieldType.INT


class Relation(BaseModel):
    """`part` must not exceed `whole`; reported on the part's cell with `code`."""

    model_config = ConfigDict(frozen=True)

    part: str
    whole: str
    code: str = "part_exceeds_whole"


def _code(
    name: str,
    header: str,
    header_en: str,
    aliases: tuple[str, ...],
    width: int,
    required: bool = False,
) -> Field:
    return Field(
        name=name,
        header=header,
        header_en=header_en,
        aliases=aliases,
        type=FieldType.CODE,
        width=width,
        required=required,
    )


def _text(
    name: str, header: str, header_en: str, aliases: tuple[str, ...], required: bool = False
) -> Field:
    return Field(
        name=name,
        header=header,
        header_en=header_en,
        aliases=aliases,
        type=FieldType.TEXT,
        required=required,
    )


def _count(
    name: str,
    header: str,
    header_en: str,
    aliases: tuple[str, ...],
    minimum: float = 0,
    required: bool = False,
    needs_station: bool = False,
    over_time: OverTime = "stock",
) -> Field:
    return Field(
        name=name,
        header=header,
        header_en=header_en,
        aliases=aliases,
        type=FieldType.INT,
        minimum=minimum,
        required=required,
        needs_station=needs_station,
        over_time=over_time,
    )


def _bool(
    name: str, header: str, header_en: str, aliases: tuple[str, ...], needs_station: bool = False
) -> Field:
    return Field(
        name=name,
        header=header,
        header_en=header_en,
        aliases=aliases,
        type=FieldType.BOOL,
        needs_station=needs_station,
    )


def _period(aliases: tuple[str, ...] = ("ky", "ky bao cao", "nam bao cao")) -> Field:
    return Field(
        name="period",
        header="Kỳ báo cáo",
        header_en="Reporting period",
        aliases=aliases,
        type=FieldType.PERIOD,
    )


_PROVINCE = (
    _code("province_code", "Mã tỉnh", "Province code", ("ma tinh", "ma tinh/tp"), 2),
    _text("province_name", "Tỉnh/Thành phố", "Province", ("tinh", "tinh/tp", "ten tinh")),
)

COMMUNE_FIELDS: tuple[Field, ...] = (
    *_PROVINCE,
    _code("district_code", "Mã huyện", "District code", ("ma huyen", "ma quan/huyen"), 3),
    _text("district_name", "Huyện/Quận/Thị xã", "District", ("huyen", "ten huyen", "quan/huyen")),
    _code(
        "commune_code",
        "Mã xã",
        "Commune code",
        ("ma xa", "ma dvhc", "ma xa/phuong"),
        5,
        required=True,
    ),
    _text(
        "commune_name",
        "Tên xã/phường/thị trấn",
        "Commune",
        ("xa/phuong", "ten xa", "ten don vi", "don vi"),
        required=True,
    ),
    _period(),
    Field(
        name="zone",
        header="Vùng",
        header_en="Zone",
        aliases=("vung", "phan vung"),
        type=FieldType.INT,
        minimum=1,
        maximum=3,
    ),
    _count(
        "population",
        "Dân số",
        "Population",
        ("dan so trung binh", "tong dan so", "dan so (nguoi)"),
        minimum=1,
        required=True,
    ),
    _count("population_female", "Dân số nữ", "Female population", ("trong do nu",)),
    _count("children_under_1", "Trẻ em dưới 1 tuổi", "Children under 1", ("tre duoi 1 tuoi",)),
    _count("children_under_5", "Trẻ em dưới 5 tuổi", "Children under 5", ("tre duoi 5 tuoi",)),
    _count("women_15_49", "Phụ nữ 15–49 tuổi", "Women aged 15–49", ("phu nu 15-49 tuoi",)),
    _count(
        "villages_total",
        "Số thôn, bản",
        "Villages",
        ("so thon ban", "tong so thon", "so thon/to dan pho"),
    ),
    _count(
        "villages_with_active_vhw",
        "Số thôn, bản có nhân viên y tế hoạt động",
        "Villages with an active village health worker",
        ("thon co nvyt hoat dong",),
    ),
    _bool("has_station", "Có trạm y tế", "Has a health station", ("xa co tram y te", "co tyt")),
    _bool(
        "station_bhyt_kcb",
        "Trạm y tế khám chữa bệnh BHYT",
        "Station treats health-insured patients",
        ("kcb bhyt", "tyt kcb bhyt", "co bhyt"),
        needs_station=True,
    ),
    _bool(
        "station_full_primary_care",
        "Thực hiện đầy đủ nội dung CSSKBĐ",
        "Station delivers the full primary-care package",
        ("du noi dung csskbd",),
        needs_station=True,
    ),
    _bool(
        "station_maintained",
        "Trạm được duy tu, bảo dưỡng định kỳ",
        "Station regularly maintained",
        ("duy tu bao duong",),
        needs_station=True,
    ),
    _bool(
        "station_ncd_management",
        "Trạm quản lý bệnh không lây nhiễm",
        "Station manages non-communicable diseases",
        ("quan ly benh khong lay nhiem",),
        needs_station=True,
    ),
    _bool(
        "scorecard_applied",
        "Áp dụng bảng điểm chất lượng dịch vụ",
        "Service-quality scorecard applied",
        ("bang diem chat luong",),
        needs_station=True,
    ),
    _count(
        "tech_services_list",
        "Số DVKT trong danh mục tuyến xã",
        "Technical services on the commune-level list",
        ("danh muc dvkt tuyen xa",),
        minimum=1,
    ),
    _count(
        "tech_services_performed",
        "Số DVKT thực hiện được",
        "Technical services performed",
        ("dvkt thuc hien duoc",),
    ),
    _count(
        "staff_total",
        "Tổng số nhân lực trạm",
        "Station staff",
        ("tong so can bo tyt",),
        needs_station=True,
    ),
    _count(
        "doctors_working",
        "Bác sĩ làm việc",
        "Doctors working",
        ("bac si lam viec", "so bac si", "bac si"),
        needs_station=True,
    ),
    _count(
        "doctors_permanent",
        "Bác sĩ cơ hữu",
        "Permanent doctors",
        ("bac si co huu",),
        needs_station=True,
    ),
    _count(
        "midwives",
        "Hộ sinh/Y sĩ sản nhi",
        "Midwives / obstetric-paediatric assistants",
        ("ho sinh", "hs/yssn"),
    ),
    _count("vhw_count", "Nhân viên y tế thôn, bản", "Village health workers", ("nvyt thon ban",)),
    _count(
        "insured_population",
        "Số người có thẻ BHYT",
        "People with a health-insurance card",
        ("so nguoi tham gia bhyt", "co the bhyt"),
    ),
    _count(
        "population_health_managed",
        "Số người được quản lý, theo dõi sức khỏe",
        "People under health management",
        ("duoc quan ly suc khoe", "co ho so suc khoe"),
    ),
    _count(
        "population_with_ehr",
        "Số người có hồ sơ sức khỏe điện tử",
        "People with an electronic health record",
        ("ho so suc khoe dien tu",),
    ),
    _count(
        "primary_care_users",
        "Số người sử dụng dịch vụ CSSKBĐ",
        "Primary-care users",
        ("su dung csskbd",),
        over_time="flow",
    ),
    _count(
        "primary_care_users_bhyt_paid",
        "Trong đó được BHYT chi trả",
        "Of which paid by health insurance",
        ("csskbd duoc bhyt chi tra",),
        over_time="flow",
    ),
    _count(
        "high_risk_population",
        "Số người có nguy cơ cao",
        "High-risk people",
        ("nguoi co nguy co cao",),
    ),
    _count(
        "high_risk_checked",
        "Số người nguy cơ cao được khám sức khỏe trong năm",
        "High-risk people checked this year",
        ("nguy co cao duoc kham",),
        over_time="flow",
    ),
    _count(
        "children_u1_fully_immunised",
        "Trẻ dưới 1 tuổi được tiêm chủng đầy đủ",
        "Children under 1 fully immunised",
        ("tiem chung day du",),
        over_time="flow",
    ),
    _count(
        "htn_detected",
        "Số người tăng huyết áp được phát hiện",
        "Hypertension detected",
        ("tha phat hien",),
    ),
    _count(
        "htn_managed",
        "Số người tăng huyết áp được quản lý điều trị",
        "Hypertension under treatment",
        ("tha duoc quan ly",),
    ),
    _count(
        "dm_detected",
        "Số người đái tháo đường được phát hiện",
        "Diabetes detected",
        ("dtd phat hien",),
    ),
    _count(
        "dm_managed",
        "Số người đái tháo đường được quản lý điều trị",
        "Diabetes under treatment",
        ("dtd duoc quan ly",),
    ),
    _count(
        "outpatient_visits",
        "Tổng số lượt khám bệnh",
        "Outpatient visits",
        ("luot kham benh",),
        over_time="flow",
    ),
    _count(
        "bhyt_visits",
        "Trong đó lượt khám BHYT",
        "Of which insured visits",
        ("luot kham bhyt",),
        over_time="flow",
    ),
    _count("live_births", "Số trẻ đẻ sống", "Live births", ("tre de song",), over_time="flow"),
    _count(
        "deaths_under_1",
        "Số trẻ tử vong dưới 1 tuổi",
        "Deaths under 1",
        ("tu vong duoi 1 tuoi",),
        over_time="flow",
    ),
    _bool(
        "ntc_pass",
        "Xã đạt Bộ tiêu chí quốc gia về y tế",
        "Commune meets the national health criteria",
        ("dat tieu chi quoc gia", "dat btcqg ve y te"),
    ),
    Field(
        name="ntc_score",
        header="Tổng điểm Bộ tiêu chí",
        header_en="National criteria score",
        aliases=("diem btcqg",),
        type=FieldType.NUM,
        minimum=0,
        maximum=100,
    ),
)

DISTRICT_FIELDS: tuple[Field, ...] = (
    *_PROVINCE,
    _code(
        "district_code",
        "Mã huyện",
        "District code",
        ("ma huyen", "ma don vi", "ma ttyt"),
        3,
        required=True,
    ),
    _text(
        "district_name",
        "Huyện/Quận/Thị xã",
        "District / health centre",
        ("ten huyen", "trung tam y te", "ttyt khu vuc", "don vi", "ten don vi", "ten ttyt"),
        required=True,
    ),
    _period(),
    _count(
        "district_tech_services_list",
        "Số DVKT trong danh mục tuyến huyện",
        "Technical services on the district-level list",
        ("danh muc dvkt tuyen huyen",),
        minimum=1,
    ),
    _count(
        "district_tech_services_performed",
        "Số DVKT tuyến huyện thực hiện được",
        "District-level technical services performed",
        ("dvkt tuyen huyen thuc hien",),
    ),
    _count(
        "patients_surveyed",
        "Số người bệnh được khảo sát",
        "Patients surveyed",
        ("nguoi benh khao sat",),
        over_time="flow",
    ),
    _count(
        "patients_satisfied",
        "Số người bệnh hài lòng",
        "Patients satisfied",
        ("nguoi benh hai long",),
        over_time="flow",
    ),
    _count(
        "food_businesses_total",
        "Số cơ sở thực phẩm quản lý",
        "Food businesses managed",
        ("co so thuc pham",),
    ),
    _count(
        "food_businesses_inspected",
        "Số cơ sở thực phẩm được kiểm tra",
        "Food businesses inspected",
        ("co so duoc kiem tra",),
        over_time="flow",
    ),
    Field(
        name="capital_plan",
        header="Kế hoạch vốn (triệu đồng)",
        header_en="Capital plan (million VND)",
        aliases=("ke hoach von",),
        type=FieldType.NUM,
        minimum=0,
    ),
    Field(
        name="capital_disbursed",
        header="Vốn đã giải ngân (triệu đồng)",
        header_en="Capital disbursed (million VND)",
        aliases=("von giai ngan",),
        type=FieldType.NUM,
        minimum=0,
        over_time="flow",
    ),
    _count(
        "techniques_transferred",
        "Số kỹ thuật được chuyển giao",
        "Techniques transferred in",
        ("ky thuat chuyen giao",),
        over_time="flow",
    ),
    _count(
        "new_techniques",
        "Số kỹ thuật mới triển khai",
        "New techniques deployed",
        ("ky thuat moi",),
        over_time="flow",
    ),
    _count("doctors_total", "Tổng số bác sĩ", "Doctors", ("tong so bac si",)),
)

FIELDS: dict[SheetKind, tuple[Field, ...]] = {
    "commune": COMMUNE_FIELDS,
    "district": DISTRICT_FIELDS,
}

# The column whose code identifies a row's unit, per sheet.
UNIT_CODE: dict[SheetKind, str] = {"commune": "commune_code", "district": "district_code"}

RELATIONS: dict[SheetKind, tuple[Relation, ...]] = {
    "commune": (
        Relation(part="villages_with_active_vhw", whole="villages_total"),
        Relation(part="tech_services_performed", whole="tech_services_list"),
        Relation(part="doctors_permanent", whole="doctors_working"),
        Relation(part="primary_care_users_bhyt_paid", whole="primary_care_users"),
        Relation(part="high_risk_checked", whole="high_risk_population"),
        Relation(part="htn_managed", whole="htn_detected"),
        Relation(part="dm_managed", whole="dm_detected"),
        Relation(part="bhyt_visits", whole="outpatient_visits"),
        Relation(part="population_female", whole="population"),
        Relation(part="children_under_1", whole="children_under_5"),
        Relation(part="children_under_5", whole="population"),
        Relation(part="population_health_managed", whole="population"),
        Relation(part="population_with_ehr", whole="population"),
        # Cards and population are counted by different agencies at different dates.
        Relation(part="insured_population", whole="population", code="insured_exceeds_population"),
        Relation(
            part="children_u1_fully_immunised",
            whole="children_under_1",
            code="immunised_exceeds_cohort",
        ),
    ),
    "district": (
        Relation(part="patients_satisfied", whole="patients_surveyed"),
        Relation(part="food_businesses_inspected", whole="food_businesses_total"),
        Relation(part="district_tech_services_performed", whole="district_tech_services_list"),
        Relation(part="capital_disbursed", whole="capital_plan", code="capital_overspent"),
    ),
}


def field_map(kind: SheetKind) -> dict[str, Field]:
    """Fields of one sheet kind by canonical name."""
    return {f.name: f for f in FIELDS[kind]}


def all_field_names() -> frozenset[str]:
    return frozenset(f.name for fields in FIELDS.values() for f in fields)


def flow_fields() -> frozenset[str]:
    """The fields counted during a period (SPEC §8.1); every other field is a stock."""
    return frozenset(f.name for fields in FIELDS.values() for f in fields if f.over_time == "flow")
