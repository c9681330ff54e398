"""Every word ycs shows in Vietnamese (the default): one key per sentence, label or heading."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # Findings about the input (collected); formatted with the finding's params plus
    # `value`, `label` (the column's heading) and `whole_label`.
    "finding.missing_required": "Thiếu giá trị bắt buộc ở cột “{label}”",
    "finding.not_a_number": "“{value}” không phải là số",
    "finding.not_an_integer": "“{value}” không phải là số nguyên",
    "finding.negative": "“{value}” là số âm; “{label}” phải ≥ {minimum}",
    "finding.out_of_range": "“{value}” nằm ngoài khoảng cho phép {range}",
    "finding.not_a_boolean": "“{value}” không phải Có/Không",
    "finding.bad_code": "Mã “{value}” không hợp lệ: cần {width} chữ số",
    "finding.bad_period": (
        "Không hiểu kỳ báo cáo “{value}” (ví dụ: 2024, 2024-Q3, 10/2024, Quý III/2024)"
    ),
    "finding.missing_period": "Không có kỳ báo cáo: thêm cột “Kỳ báo cáo” hoặc dùng --period",
    "finding.missing_period.titled": (
        "Không có kỳ báo cáo: thêm cột “Kỳ báo cáo” hoặc dùng --period"
        " (tiêu đề ghi “{title}”: thử --period {suggested})"
    ),
    "finding.duplicate_unit": "Đơn vị {value} kỳ {period} đã có ở {first}",
    "finding.overlapping_periods": (
        "Đơn vị {unit}: kỳ {value} trùng thời gian với kỳ {other} đã có ở {first}; "
        "dòng này không được dùng"
    ),
    "finding.part_exceeds_whole": "“{label}” ({value}) lớn hơn “{whole_label}” ({whole_value})",
    "finding.station_fields_without_station": (
        "“{label}” = {value} nhưng xã ghi không có trạm y tế"
    ),
    "finding.insured_exceeds_population": "Số thẻ BHYT ({value}) lớn hơn dân số ({whole_value})",
    "finding.immunised_exceeds_cohort": (
        "Trẻ tiêm chủng đầy đủ ({value}) nhiều hơn trẻ dưới 1 tuổi ({whole_value})"
    ),
    "finding.capital_overspent": "Vốn giải ngân ({value}) vượt kế hoạch vốn ({whole_value})",
    "finding.total_mismatch": (
        "Dòng tổng “{label_text}”: “{label}” = {value}, cộng các dòng chi tiết = {expected}"
    ),
    "finding.code_padded": "{count} mã ở cột “{label}” bị mất số 0 đầu (Excel), đã bổ sung",
    "finding.unknown_unit": "Mã {value} không có trong danh mục {units}; dòng không được tính",
    "finding.wrong_parent": "Xã {commune} thuộc đơn vị {official}, không phải {value}",
    "finding.wrong_parent.district": "Huyện {district} thuộc tỉnh {official}, không phải {value}",
    "finding.unit_name_mismatch": "Tên “{value}” khác tên chính thức “{official}”",
    "finding.missing_units": (
        "{unit} ({value}), kỳ {period}: {reported}/{expected} xã đã báo cáo;"
        " thiếu {count} xã: {listed}"
    ),
    "finding.territory_partial": (
        "{name} ({value}, {units}) được lập một phần từ địa bàn của kế hoạch {plan}, một phần"
        " từ ngoài địa bàn: các dòng của đơn vị này không tính cho kế hoạch đó"
    ),
    "finding.plan_without_rows": (
        "{plan}: không có dòng dữ liệu nào trong địa bàn của kế hoạch ({territory}, mã {code})"
    ),
    "finding.plans_out_of_territory": (
        "Không đánh giá các kế hoạch có địa bàn không chứa dòng dữ liệu nào: {plans}"
    ),
    "finding.unit_divided": (
        "Xã cũ {value} đã được chia cho các xã mới {current}: tính ở cấp tỉnh, không tính ở cấp xã"
    ),
    "finding.unit_not_traced": (
        "Xã cũ {value} không có trong bảng chuyển đổi sang đơn vị hành chính 2 cấp từ 07/2025:"
        " tính vào {province} ở cấp tỉnh, không tính ở cấp xã"
    ),
    "finding.units_chosen": (
        "Kỳ {period} đọc mã theo {units} (mã xã tìm thấy: {legacy} trong danh mục trước"
        " 07/2025, {current} trong danh mục từ 07/2025)"
    ),
    "finding.unknown_district": "Mã huyện {value} không có trong biểu huyện",
    "finding.ntc_pass_inconsistent": "Xã ghi đạt Bộ tiêu chí nhưng tổng điểm là {score} (< 80)",
    "finding.incomplete_period.one": (
        "Đơn vị {value} thiếu {count} tháng của kỳ {period}: {missing}"
    ),
    "finding.incomplete_period.other": (
        "Đơn vị {value} thiếu {count} tháng của kỳ {period}: {missing}"
    ),
    "finding.unknown_column": "Bỏ qua cột không nhận ra: “{value}”",
    "finding.report_skipped": "Bỏ qua: báo cáo do ycs viết ra, không phải số liệu nộp",
    "finding.encoding_used": "Tệp được đọc với bảng mã {encoding}",
    "finding.period_inferred": "Không có cột kỳ báo cáo: lấy kỳ {period} theo “{value}”",
    "finding.no_data_rows": (
        "“{sheet_name}” có dòng tiêu đề nhưng không có dòng số liệu nào (mẫu chưa điền?)"
    ),
    "finding.sheet_skipped": (
        "Bỏ qua trang tính “{sheet_name}”: không thấy dòng tiêu đề có cột Mã xã, Tên xã,"
        " Dân số, Mã huyện hoặc Tên huyện"
    ),
    "finding.value_column_chosen": (
        "Đọc số liệu ở cột “{value}”, không phải cột cộng dồn “{other}” (cột {other_column})"
    ),
    "finding.unit_unresolved": (
        "Không xác định được đơn vị “{value}”: {count} xã cùng tên trong danh mục đơn vị hành "
        "chính{codes}; ghi mã xã, hoặc tên huyện và tỉnh"
    ),
    # Errors that stop the run (exit 2): one line naming the file and what to do.
    "error.file_not_found": "Không tìm thấy tệp {path}",
    "error.no_spreadsheets": (
        "Thư mục {path} không có tệp bảng tính nào (.xlsx, .xls, .ods, .csv)"
    ),
    "error.empty_file": "Tệp {path} rỗng",
    "error.unsupported_format": (
        "Tệp {path} không phải bảng tính được hỗ trợ (.xlsx, .xlsm, .xls, .ods, .csv, .tsv)"
    ),
    "error.unsupported_format.web_page": (
        "Tệp {path} không phải bảng tính được hỗ trợ (.xlsx, .xlsm, .xls, .ods, .csv, .tsv);"
        " đây là trang web (HTML/XML) mang tên bảng tính: mở bằng Excel rồi lưu lại dạng .xlsx"
    ),
    "error.corrupt_file": (
        "Không đọc được tệp {path}: tệp bị hỏng hoặc không đầy đủ ({reason}); hãy lưu lại từ Excel"
    ),
    "error.password_protected": "Tệp {path} có mật khẩu; hãy bỏ mật khẩu rồi chạy lại",
    "error.undecodable_text": "Không nhận ra bảng mã của tệp {path}; hãy lưu lại dạng CSV UTF-8",
    "error.no_data_sheet": (
        "Tệp {path} không có trang tính nào chứa biểu xã hoặc biểu huyện (không thấy "
        "cột Mã xã / Mã huyện)"
    ),
    "error.unreadable_file": "Không đọc được tệp {path}: {reason}",
    "error.bad_period_option": (
        "--period “{value}” không hợp lệ (ví dụ: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M)"
    ),
    "error.period_not_in_input": (
        "Không có dòng nào thuộc kỳ {period}; dữ liệu có các kỳ: {periods}"
    ),
    "error.level_district_current": (
        "Đơn vị hành chính hiện hành (từ 07/2025) không có cấp huyện: dùng --level commune"
        " hoặc province, hoặc --units legacy"
    ),
    "error.unknown_plan": "Không có kế hoạch “{plan}”; các kế hoạch: {known}",
    "error.invalid_definitions.one": "Tệp chỉ số {path} có {count} lỗi",
    "error.invalid_definitions.other": "Tệp chỉ số {path} có {count} lỗi",
    "error.definitions_unreadable": "Không đọc được tệp chỉ số {path}: {reason}",
    "error.definitions_unreadable.not_utf8": (
        "Không đọc được tệp chỉ số {path}: tệp không phải văn bản UTF-8"
    ),
    "error.output_is_input": "Không ghi đè lên tệp đầu vào {path}; hãy chọn tên tệp khác cho -o",
    "error.too_many_rows_for_xlsx": (
        "Không ghi được {path}: {rows} dòng vượt quá {limit} dòng của một trang "
        "Excel; hãy xuất .csv hoặc .json, hoặc chọn --level district"
    ),
    "error.output_unwritable": "Không ghi được tệp {path}: {reason}",
    "error.internal_error": (
        "Lỗi nội bộ của ycs ({detail}); chạy lại với YCS_DEBUG=1 và gửi kết quả cho nhóm phát triển"
    ),
    "error.unsupported_output": (
        "Không hỗ trợ định dạng đầu ra “{suffix}” (dùng .xlsx, .csv, .json, .md, .html)"
    ),
    "error.nothing_to_review": (
        "Không có dòng số liệu nào có kỳ báo cáo để rà soát chất lượng: thêm cột “Kỳ báo cáo” "
        "hoặc dùng --period (chạy ycs validate để xem chi tiết)"
    ),
    "error.unsupported_quality_output": (
        "ycs quality không ghi được định dạng “{suffix}” (dùng .xlsx, .json, .html)"
    ),
    # Problems in an indicators file; the place and position come before them. YAML syntax
    # problems in PyYAML's words (`detail`) when no variant below words them.
    "definition.yaml_syntax": "lỗi cú pháp YAML: {detail}",
    "definition.yaml_syntax.mapping_values": (
        "lỗi cú pháp YAML: không được có dấu “:” ở đây (giá trị có “: ” phải đặt trong ngoặc"
        " kép; hoặc dòng bị thụt lề sai)"
    ),
    "definition.yaml_syntax.missing_colon": "lỗi cú pháp YAML: thiếu dấu “:” sau tên khóa",
    "definition.yaml_syntax.tab": (
        "lỗi cú pháp YAML: dòng được thụt lề bằng ký tự Tab; YAML chỉ chấp nhận dấu cách"
    ),
    "definition.yaml_syntax.bad_character": (
        "lỗi cú pháp YAML: giá trị không được bắt đầu bằng “{found}”; hãy đặt giá trị trong"
        " ngoặc kép"
    ),
    "definition.yaml_syntax.indentation": (
        "lỗi cú pháp YAML: thụt lề không khớp với các dòng phía trên"
    ),
    "definition.yaml_syntax.flow_sequence": (
        "lỗi cú pháp YAML: danh sách […] thiếu dấu “,” hoặc dấu đóng “]”"
    ),
    "definition.yaml_syntax.flow_mapping": (
        "lỗi cú pháp YAML: cặp ngoặc {{…}} thiếu dấu “,” hoặc dấu đóng “}}”"
    ),
    "definition.yaml_syntax.escape": (
        "lỗi cú pháp YAML: “\\{found}” không phải ký tự thoát hợp lệ trong chuỗi ngoặc kép;"
        " hãy dùng ngoặc đơn nếu cần dấu “\\”"
    ),
    "definition.yaml_syntax.tag": "lỗi cú pháp YAML: không chấp nhận thẻ “{tag}”",
    "definition.yaml_syntax.two_documents": (
        "lỗi cú pháp YAML: tệp chỉ được chứa một tài liệu YAML (hãy bỏ dòng “---”)"
    ),
    "definition.yaml_syntax.unquoted_target": (
        'lỗi cú pháp YAML: hãy đặt chỉ tiêu trong ngoặc kép: ">= 100"'
    ),
    "definition.yaml_syntax.unclosed_quote": (
        "lỗi cú pháp YAML: chuỗi mở bằng dấu nháy ở dòng {line} chưa được đóng"
    ),
    "definition.yaml_syntax.duplicate_key": "lỗi cú pháp YAML: khóa “{name}” bị lặp lại",
    # A value of the wrong shape, by pydantic's error type; `detail` is pydantic's words for
    # a type not worded here.
    "definition.bad_structure": "giá trị không hợp lệ ({detail})",
    "definition.bad_structure.missing": "thiếu khóa bắt buộc",
    "definition.bad_structure.extra_forbidden": "khóa không được hỗ trợ (sai chính tả?)",
    "definition.bad_structure.literal_error.one": "“{input}” không hợp lệ; cần {choices}",
    "definition.bad_structure.literal_error.other": (
        "“{input}” không hợp lệ; chọn một trong: {choices}"
    ),
    "definition.bad_structure.string_type": "cần một chuỗi văn bản",
    "definition.bad_structure.string_too_short": "không được để trống",
    "definition.bad_structure.string_pattern_mismatch": (
        "“{input}” chỉ được gồm chữ cái không dấu, chữ số và “_”"
    ),
    "definition.bad_structure.code_digits": "“{input}” phải là mã gồm {width} chữ số",
    "definition.bad_structure.bool_type": "cần true hoặc false",
    "definition.bad_structure.int_type": "cần một số nguyên",
    "definition.bad_structure.int_parsing": "cần một số nguyên",
    "definition.bad_structure.int_from_float": "cần một số nguyên",
    "definition.bad_structure.float_type": "cần một số",
    "definition.bad_structure.float_parsing": "cần một số",
    "definition.bad_structure.finite_number": "cần một số hữu hạn",
    "definition.bad_structure.greater_than_equal": "phải ≥ {ge}",
    "definition.bad_structure.greater_than": "phải > {gt}",
    "definition.bad_structure.less_than_equal": "phải ≤ {le}",
    "definition.bad_structure.less_than": "phải < {lt}",
    "definition.bad_structure.dict_type": "cần các cặp “khóa: giá trị”",
    "definition.bad_structure.model_type": "cần các cặp “khóa: giá trị”",
    "definition.bad_structure.model_attributes_type": "cần các cặp “khóa: giá trị”",
    "definition.bad_structure.list_type": "cần một danh sách (các dòng bắt đầu bằng “- ”)",
    # Where a problem is when no key path names it.
    "definition.where.file": "toàn bộ tệp",
    "definition.where.line": "dòng {line}",
    "definition.sheet.commune": "xã",
    "definition.sheet.district": "huyện",
    "definition.level.province": "tỉnh",
    "definition.level.district": "huyện",
    # Python's message, when no variant below words it.
    "definition.syntax": "lỗi cú pháp công thức: {detail}",
    "definition.syntax.invalid": "lỗi cú pháp công thức",
    "definition.syntax.comma": "lỗi cú pháp công thức: có lẽ thiếu dấu phẩy",
    "definition.syntax.never_closed": "lỗi cú pháp công thức: thiếu dấu đóng cho “{bracket}”",
    "definition.syntax.unmatched": "lỗi cú pháp công thức: thừa dấu “{bracket}”",
    "definition.syntax.mismatched": (
        "lỗi cú pháp công thức: dấu đóng “{bracket}” không khớp với dấu mở “{opening}”"
    ),
    "definition.syntax.bad_number": "lỗi cú pháp công thức: số viết sai",
    "definition.syntax.leading_zeros": (
        "lỗi cú pháp công thức: số nguyên không được viết số 0 ở đầu"
    ),
    "definition.syntax.unterminated_string": "lỗi cú pháp công thức: chuỗi thiếu dấu nháy đóng",
    "definition.syntax.bad_character": (
        "lỗi cú pháp công thức: không được dùng ký tự “{character}” ({code}) trong công thức"
    ),
    "definition.syntax.invisible_character": (
        "lỗi cú pháp công thức: công thức có ký tự ẩn {code}; hãy gõ lại đoạn này"
    ),
    "definition.syntax.too_complex": "lỗi cú pháp công thức: công thức quá phức tạp",
    "definition.unknown_field": "trường không có: “{name}”",
    "definition.wrong_sheet_field": "trường “{name}” không thuộc biểu {sheet_label}",
    "definition.unknown_function": "hàm không được phép: “{name}”",
    "definition.not_allowed": "cú pháp không được phép: {construct}",
    "definition.field_outside_aggregate": (
        "trường “{name}” phải nằm trong một hàm tổng hợp như sum(…)"
    ),
    "definition.nested_aggregate": "không được lồng hàm tổng hợp",
    "definition.bad_arguments.one": "{name}(…) nhận đúng một đối số",
    "definition.bad_arguments.none_or_one": "{name}(…) nhận không hoặc một đối số",
    "definition.formula_choice": (
        "cần “numerator” và “denominator”, hoặc “value”, hoặc (riêng) “from_coverage: true”"
    ),
    "definition.unknown_indicator": "chỉ số không có: “{name}”",
    "definition.bad_target": 'chỉ tiêu “{text}” không hợp lệ (ví dụ: ">= 100")',
    "definition.duplicate_id": "mã “{name}” bị trùng",
    "definition.unknown_territory": "không có {level_label} mã {code} trong {units}",
    "definition.territory_choice": (
        'territory: “national”, {{province: "15", units: legacy}} hoặc {{district: "643",'
        " units: legacy}} (chỉ đơn vị hành chính 3 cấp trước 07/2025, units: legacy, có cấp huyện)"
    ),
    "definition.level_without_results": (
        "chỉ số “{name}” tính từ biểu huyện, không có kết quả cấp xã để đánh giá"
    ),
    "definition.position": "vị trí",
    # The column of a YAML syntax problem, after its line.
    "definition.position_in_line": "cột",
    # Labels and sentences of the terminal tables and the exports.
    "label.national": "toàn quốc",
    "label.met": "Đạt",
    "label.not_met": "Chưa đạt",
    "label.no_data": "Thiếu dữ liệu",
    "label.undetermined": "Chưa xác định",
    "label.units_unknown": "Số đơn vị chưa rõ",
    "label.value_low": "Giá trị thấp nhất",
    "label.value_high": "Giá trị cao nhất",
    "label.other_indicators": "Các chỉ số khác",
    "label.judged_only_at": "chỉ đánh giá ở cấp {level}",
    "label.not_assessed": "Không tính từ biểu mẫu",
    "label.error": "Lỗi",
    "label.warning": "Cảnh báo",
    "label.info": "Thông tin",
    "label.plan": "Kế hoạch",
    "label.document": "Văn bản",
    "label.deadline": "Thời hạn",
    "label.indicator": "Chỉ số",
    "label.indicator_id": "Mã chỉ số",
    "label.value": "Giá trị",
    "label.target": "Chỉ tiêu",
    "label.status": "Đánh giá",
    "label.unit": "Đơn vị tính",
    "label.level": "Cấp",
    "label.unit_code": "Mã đơn vị",
    "label.unit_name": "Tên đơn vị",
    "label.period": "Kỳ",
    "label.numerator": "Tử số",
    "label.denominator": "Mẫu số",
    "label.rows_used": "Số dòng dùng",
    "label.rows": "Dòng",
    "label.fraction": "Tử số/Mẫu số",
    "label.rows_skipped": "Số dòng bỏ qua",
    "label.formula": "Công thức",
    "label.severity": "Mức độ",
    "label.code": "Mã lỗi",
    "label.file": "Tệp",
    "label.sheet": "Trang tính",
    "label.row": "Dòng",
    "label.column": "Cột",
    "label.cell": "Ô",
    "label.field": "Trường",
    "label.cell_value": "Giá trị ô",
    "label.message": "Nội dung",
    "label.commune": "Xã",
    "label.district": "Huyện",
    "label.province": "Tỉnh",
    # The two sets of official units (SPEC §7.1) in a sentence; data keeps legacy/current.
    "units_set.legacy": "đơn vị hành chính 3 cấp trước 07/2025",
    "units_set.current": "đơn vị hành chính 2 cấp từ 07/2025",
    "label.whole_input": "Toàn bộ dữ liệu",
    "label.summary": "Tổng hợp",
    "label.results": "Kết quả",
    "label.findings": "Kiểm tra dữ liệu",
    "label.before_deadline": "còn thời hạn đến {year}",
    "label.after_deadline": "đã đến hạn {year}",
    "label.deadline_status": "Thời hạn kế hoạch",
    "label.annualised": "quy năm",
    "label.annualised_value": "{value} quy năm (số liệu {months} tháng: {raw})",
    "label.annualised_from": "quy năm, {months}/12 tháng",
    "label.annualized_value": "Giá trị quy năm",
    "label.months_covered": "Số tháng có số liệu",
    "label.over_time": "Theo thời gian",
    "label.stock": "thời điểm (lấy kỳ cuối)",
    "label.flow": "thời kỳ (cộng dồn)",
    "label.other_fields": "mọi trường số liệu khác",
    "label.no_findings": "Dữ liệu hợp lệ, không có lỗi.",
    "count.units_unknown.one": "{count} đơn vị chưa rõ",
    "count.units_unknown.other": "{count} đơn vị chưa rõ",
    "count.error.one": "{count} lỗi",
    "count.error.other": "{count} lỗi",
    "count.warning.one": "{count} cảnh báo",
    "count.warning.other": "{count} cảnh báo",
    "count.info.one": "{count} thông tin",
    "count.info.other": "{count} thông tin",
    "number.thousands": ".",
    "number.decimal": ",",
    "label.and_more": "… và {count} nữa",
    "label.more_in_validate": "… và {count} mục khác (xem: ycs validate)",
    "label.rows_from_sheets": "{rows} từ {sheets}",
    "count.data_row.one": "{number} dòng dữ liệu",
    "count.data_row.other": "{number} dòng dữ liệu",
    "count.sheet.one": "{count} biểu",
    "count.sheet.other": "{count} biểu",
    # The data-quality review (SPEC §9), worded as a WHO Data Quality Review annual report.
    "quality.finding.missing_units": "Thiếu báo cáo của {count} đơn vị ({periods} kỳ): {units}",
    "quality.finding.incomplete_period": "Không có đơn vị nào gửi báo cáo cho kỳ {missing}",
    "quality.finding.outlier_over_time": (
        "“{label}” = {value} lệch khỏi chuỗi số liệu của chính đơn vị (trung vị "
        "{median}, điểm z hiệu chỉnh {score})"
    ),
    "quality.finding.outlier_between_units": (
        "“{label}” = {value}, tức {rate} trên 1.000 dân, so với bình quân {mean_rate}"
        " của các xã khác cùng tỉnh (điểm z {score})"
    ),
    "quality.finding.inconsistent_over_time": (
        "“{label}” cả năm = {value}, chênh {score}% so với bình quân {years} năm trước ({mean})"
    ),
    "quality.finding.related_fields_inconsistent": (
        "Số trẻ đẻ sống trong năm ({value}) chênh {score}% so với số trẻ dưới 1 tuổi ({infants})"
    ),
    "quality.finding.population_jump": (
        "Dân số {value} thay đổi {score}% so với năm trước ({before})"
    ),
    "quality.label.title": "RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU",
    "quality.label.subtitle": (
        "theo Bộ công cụ rà soát chất lượng số liệu (DQR) của Tổ chức Y tế Thế giới"
    ),
    "quality.label.territory": "Địa bàn",
    "quality.label.periods": "Kỳ báo cáo",
    "quality.label.made": "Ngày lập",
    "quality.label.inputs": "Tệp số liệu",
    "quality.label.scorecard": "Bảng điểm chất lượng số liệu",
    "quality.label.findings": "Các phát hiện",
    "quality.label.unit": "Đơn vị",
    "quality.label.reports": "Báo cáo nhận được/cần có",
    "quality.label.received": "Báo cáo nhận được",
    "quality.label.due": "Báo cáo cần có",
    "quality.label.completeness": "Tính đầy đủ (%)",
    "quality.label.below_benchmark": "Kỳ dưới {benchmark}%",
    "quality.label.flagged": "Giá trị ngoại lai (%)",
    "quality.label.inconsistent": "Đơn vị không nhất quán theo thời gian",
    "quality.label.severity": "Mức độ",
    "quality.label.period": "Kỳ",
    "quality.label.field": "Chỉ tiêu",
    "quality.label.value": "Giá trị",
    "quality.label.expected": "Khoảng kỳ vọng",
    "quality.label.message": "Nội dung",
    "quality.label.check": "Kiểm tra",
    "quality.label.cell": "Ô",
    "quality.label.none": "Không phát hiện vấn đề nào.",
    "quality.label.moderate": (
        "{count} giá trị lệch vừa phải (điểm z từ {low} đến dưới {high}) so với các "
        "xã cùng tỉnh, ở {units} đơn vị; xem danh sách đầy đủ trong tệp xuất (-o)"
    ),
    "quality.label.benchmark_note": (
        "Ngưỡng tham chiếu của WHO: ≥ {benchmark}% báo cáo đầy đủ; giá trị ngoại lai "
        "theo điểm z hiệu chỉnh ≥ {modified_z}"
    ),
    "quality.label.validation_note": (
        "Kiểm tra dữ liệu đầu vào: {errors} lỗi, {warnings} cảnh báo (chạy ycs validate để xem)"
    ),
    "quality.label.chart": "Chuỗi số liệu",
    "quality.label.flagged_point": "giá trị bị đánh dấu",
    "quality.label.completeness_sheet": "Tính đầy đủ",
    "quality.label.moderate_details": (
        "{count} giá trị lệch vừa phải so với các xã cùng tỉnh (thông tin)"
    ),
    # The WHO DQR dimensions under which the findings are listed.
    "quality.dimension.completeness": "Tính đầy đủ của báo cáo",
    "quality.dimension.internal_consistency": "Tính nhất quán nội tại: giá trị ngoại lai",
    "quality.dimension.consistency_over_time": "Tính nhất quán theo thời gian",
    "quality.dimension.related_data": "Tính nhất quán giữa các số liệu liên quan",
    "quality.dimension.denominators": "Mẫu số: dân số",
    # The blank template's instructions sheet.
    "template.vertical_title_commune": "BÁO CÁO SỐ LIỆU Y TẾ CƠ SỞ CỦA TRẠM Y TẾ",
    "template.vertical_title_district": "BÁO CÁO SỐ LIỆU CỦA TRUNG TÂM Y TẾ",
    "template.vertical_hint": (
        "Điền các ô sau dấu “:” và cột “Số lượng”; ô để trống là thiếu số liệu, không phải 0."
    ),
    "template.vertical_unit_yes_no": "Có/Không",
    "template.vertical_unit_percent": "%",
    "template.vertical_unit_count": "Số",
    "template.sheet_title_commune": "BIỂU XÃ",
    "template.sheet_title_district": "BIỂU HUYỆN",
    "template.title_commune": (
        "BIỂU XÃ: số liệu trạm y tế xã, mỗi dòng một xã trong một kỳ báo cáo. Cột tô "
        "vàng, chữ đậm là bắt buộc; xem trang “Hướng dẫn”."
    ),
    "template.title_district": (
        "BIỂU HUYỆN: số liệu trung tâm y tế huyện, mỗi dòng một huyện trong một kỳ "
        "báo cáo. Cột tô vàng, chữ đậm là bắt buộc; xem trang “Hướng dẫn”."
    ),
    "template.instructions_title": "HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO Y TẾ CƠ SỞ",
    "template.instructions_sheet": "Hướng dẫn",
    "template.rules": "Quy tắc chung",
    "template.rule_row": "Mỗi dòng là một đơn vị (một xã hoặc một huyện) trong một kỳ báo cáo.",
    "template.rule_blank": (
        "Ô để trống nghĩa là thiếu số liệu, không phải bằng 0. Số liệu bằng 0 thì ghi 0."
    ),
    "template.rule_codes": (
        "Mã tỉnh (2 chữ số), mã huyện (3), mã xã (5) là mã ĐVHC của Tổng cục Thống "
        "kê; giữ nguyên số 0 ở đầu (ví dụ 00004). Các cột mã đã định dạng kiểu văn "
        "bản."
    ),
    "template.rule_period": (
        "Kỳ báo cáo: 2024 (năm), 2024-H1 (6 tháng đầu năm), 2024-9M (9 tháng), "
        "2024-Q3 (quý III), 2024-10 (tháng 10). Ghi kỳ ở mọi dòng; một dòng để trống "
        "kỳ chỉ được chấp nhận khi nơi tổng hợp chạy ycs với --period."
    ),
    "template.rule_headers": (
        "Không sửa, xóa hay đổi chỗ dòng tiêu đề cột; cột không bắt buộc có thể để trống."
    ),
    "template.rule_bool": "Cột Có/Không: chọn trong danh sách thả xuống.",
    "template.column": "Cột và tiêu đề",
    "template.type": "Kiểu dữ liệu",
    "template.required": "Bắt buộc",
    "template.note": "Ghi chú",
    "template.yes": "Có",
    "template.no": "Không",
    "template.period_required": "Có, nếu không dùng --period",
    "template.column_ref": "Cột {letter}: {heading}",
    "template.code": "Mã {width} chữ số (mã ĐVHC của Tổng cục Thống kê), giữ số 0 ở đầu",
    "template.text": "Chữ",
    "template.period": "Kỳ: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M…",
    "template.bool": "Có/Không",
    "template.int_min": "Số nguyên ≥ {minimum}",
    "template.num_min": "Số ≥ {minimum}",
    "template.int_range": "Số nguyên từ {minimum} đến {maximum}",
    "template.num_range": "Số từ {minimum} đến {maximum}",
    "template.pct": "Tỷ lệ % từ 0 đến 100",
    "template.needs_station": "Chỉ điền khi xã có trạm y tế.",
    "template.not_above": "Không lớn hơn “{whole}”.",
    "template.warn_above": "Lớn hơn “{whole}” sẽ có cảnh báo.",
    "template.invalid": "Giá trị không hợp lệ",
    # The heading, summary and signature block of a forwarded report (xlsx, html).
    "label.title_check": "Báo cáo kết quả thực hiện chỉ tiêu y tế cơ sở",
    "label.title_validate": "Báo cáo kiểm tra số liệu y tế cơ sở",
    "label.territory": "Địa bàn",
    "label.report_period": "Kỳ báo cáo",
    "label.made_on": "Ngày lập",
    "label.coverage_formula": "xã đã báo cáo / xã phải báo cáo",
    "label.reported_short": "Báo cáo",
    "label.expected_units": "Số đơn vị phải báo cáo",
    "label.reported_units": "Số đơn vị đã báo cáo",
    "label.units_reported": "Đơn vị báo cáo/dự kiến",
    "label.units_province": "tỉnh",
    "label.units_district": "huyện",
    "label.units_commune": "xã",
    "label.rows_commune": "dòng biểu xã",
    "label.rows_district": "dòng biểu huyện",
    "label.data_read": "Số liệu đã đọc",
    "label.place_date": "{place}, ngày {day} tháng {month} năm {year}",
    "label.prepared_by": "Người lập biểu",
    "label.sign_name": "(Ký, ghi rõ họ tên)",
    "label.head_of_office": "Thủ trưởng đơn vị",
    "label.sign_seal": "(Ký tên, đóng dấu)",
    "label.number": "STT",
    "label.units_met": "Số đơn vị đạt",
    "label.summary_title": "Tổng hợp: các chỉ tiêu kế hoạch và kết quả",
    "label.results_title": "Kết quả chi tiết (mỗi dòng một chỉ tiêu, đơn vị, kỳ)",
    "label.findings_title": "Kết quả kiểm tra số liệu",
    "label.no_results": "Không có kết quả nào.",
    "label.page_footer": "&CTrang &P/&N",
    "label.chart_title": "Giá trị so với chỉ tiêu",
    "label.targets_met": "Số chỉ tiêu đạt",
    "label.grid_legend": (
        "Ô xanh: đạt chỉ tiêu; ô đỏ: chưa đạt; ô vàng: chưa xác định (khoảng giá trị mà các"
        " đơn vị chưa rõ cho phép); ô xám: thiếu dữ liệu. Chỉ tiêu ghi dưới tên chỉ số."
    ),
    "label.contents": "Mục lục",
    "error.template_exists": "Tệp {path} đã có; dùng --force để ghi đè",
    "error.template_not_xlsx": (
        "Mẫu báo cáo là tệp .xlsx: hãy đặt tên như mau_bao_cao.xlsx (không ghi được {path})"
    ),
    # Hostile input: special files, limits decided before parsing, overflow.
    "finding.value_not_finite": (
        "Chỉ số “{indicator}” ({unit}, {period}) vượt quá khoảng số tính được (tràn số); "
        "coi là thiếu dữ liệu — hãy xem lại công thức hoặc hệ số"
    ),
    "error.symlink_loop": (
        "Không mở được {path}: liên kết tượng trưng (symlink) trỏ vòng về chính nó"
    ),
    "error.not_a_file": (
        "{path} không phải tệp thông thường (thiết bị, ống dẫn hoặc socket); hãy chỉ ra một "
        "tệp bảng tính"
    ),
    "error.over_limit": (
        "Không đọc tệp {path}: {limit_label} là {value}, vượt giới hạn {maximum} mà bảng tính "
        "thật không bao giờ đạt; tệp bị hỏng hoặc được tạo ra để gây hại"
    ),
    "error.out_of_memory": (
        "Không đọc tệp {path}: cần hơn 1 GiB bộ nhớ, điều mà bảng tính thật không bao giờ "
        "cần; tệp bị hỏng hoặc được tạo ra để gây hại"
    ),
    "error.over_time_limit": "Dừng đọc tệp {path} sau {seconds} giây; tệp bị hỏng hoặc quá lớn",
    "error.indicators_too_large": (
        "Tệp chỉ số {path} lớn hơn {maximum} byte; tệp chỉ số thật chỉ vài chục KB"
    ),
    "limit.rows": "số dòng khai báo của một trang",
    "limit.columns": "số cột khai báo của một trang",
    "limit.cells": "số ô khai báo",
    "limit.shared_strings": "số chuỗi dùng chung khai báo",
    "limit.zip_entries": "số mục trong tệp nén",
    "limit.unpacked_bytes": "kích thước sau giải nén (byte)",
    "limit.zip_ratio": "tỉ lệ nén của một mục",
    "limit.text_bytes": "kích thước tệp văn bản (byte)",
    "definition.yaml_alias": (
        "không dùng neo và bí danh YAML (&tên, *tên) trong tệp chỉ số; hãy viết đầy đủ"
    ),
    "definition.yaml_too_deep": "lồng sâu quá {maximum} cấp",
    # The command line: help pages (per command, then per option: help.<command>.<option>
    # before help.param.<option>), metavars, and usage errors (one line, exit 2).
    "help.usage": "Cách dùng:",
    "help.options_metavar": "[TÙY CHỌN]",
    "help.command_metavar": "LỆNH [ĐỐI SỐ]...",
    "help.section.arguments": "Đối số",
    "help.section.options": "Tùy chọn",
    "help.section.commands": "Lệnh",
    "help.default": "mặc định: {value}",
    "help.required": "bắt buộc",
    "help.example": "Ví dụ: {example}",
    "help.command.app": (
        "Kiểm tra số liệu y tế cơ sở và đối chiếu với chỉ tiêu của các kế hoạch."
        " Xem cách dùng từng lệnh: ycs LỆNH --help."
    ),
    "help.example.app": "ycs check bao_cao_2024.xlsx -o ket_qua.xlsx",
    "help.command.validate": "Đọc và kiểm tra số liệu nộp; in mọi phát hiện kèm ô của nó.",
    "help.example.validate": "ycs validate bao_cao_2024.xlsx --format github",
    "help.command.check": (
        "Kiểm tra số liệu, tính các chỉ số và đối chiếu với chỉ tiêu của các kế hoạch."
    ),
    "help.example.check": (
        "ycs check bao_cao_2024.xlsx --period 2024 --level district -o ket_qua.xlsx"
    ),
    "help.command.quality": (
        "Rà soát chất lượng số liệu theo WHO Data Quality Review: bảng điểm, rồi các phát hiện."
    ),
    "help.example.quality": (
        "ycs quality bao_cao_thang_2020_2024.csv --period 2024 -o chat_luong.html"
    ),
    "help.command.template": "Ghi biểu mẫu trắng để xã và huyện điền số liệu.",
    "help.example.template": "ycs template -o mau_bao_cao.xlsx --sheet commune",
    "help.command.indicators": "Liệt kê các chỉ số và các kế hoạch cùng chỉ tiêu của chúng.",
    "help.example.indicators": "ycs indicators --plan qd2348_2025",
    "help.param.files": "Bảng tính (.xlsx .xls .ods .csv …) hoặc thư mục chứa chúng.",
    "help.param.lang": "Ngôn ngữ của thông báo và bảng (mặc định: YCS_LANG, hoặc vi).",
    "help.param.units": (
        "Danh mục đơn vị để đọc mã: legacy (đơn vị hành chính 3 cấp, đến 06/2025), current"
        " (2 cấp, từ 07/2025), hoặc auto theo từng kỳ."
    ),
    "help.param.period": (
        "Gộp theo đơn vị các dòng thuộc kỳ này (số thời điểm: tháng mới nhất; số phát sinh:"
        " cộng lại); dòng không có kỳ lấy kỳ này (2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M,"
        " “Quý III/2024” …)."
    ),
    "help.param.quiet": (
        "Chỉ in kết quả: không thanh tiến trình, không dòng tóm tắt hay ghi chú, không dòng"
        " báo tệp đã ghi; chỉ liệt kê các phát hiện quyết định mã thoát."
    ),
    "help.param.help": "In trang trợ giúp này rồi thoát.",
    "help.param.version": "In phiên bản của ycs rồi thoát.",
    "help.param.output_format": "Định dạng kết quả in ra (stdout).",
    "help.validate.output_format": (
        "table (bảng), json, hoặc github (chú thích cho GitHub Actions)."
    ),
    "help.param.strict": "Cảnh báo cũng làm thất bại (mã thoát 1).",
    "help.param.plan": (
        "Mã kế hoạch (lặp lại được); mặc định: mọi kế hoạch có địa bàn chứa số liệu."
    ),
    "help.indicators.plan": "Chỉ hiện kế hoạch này (lặp lại được).",
    "help.param.level": "Báo cáo theo tỉnh, huyện hay xã.",
    "help.quality.level": "Bảng điểm theo huyện (mặc định), tỉnh hoặc xã.",
    "help.param.indicators": "Dùng tệp indicators.yaml này thay cho tệp có sẵn.",
    "help.quality.indicators": "Lấy các ngưỡng từ tệp indicators.yaml này.",
    "help.param.output": "Ghi thêm báo cáo ra tệp: .xlsx .csv .json .md .html.",
    "help.quality.output": "Ghi thêm kết quả rà soát ra tệp: .xlsx .json .html.",
    "help.template.output": "Nơi ghi biểu mẫu.",
    "help.param.fail_on_unmet": "Thoát với mã 1 trừ khi mọi chỉ tiêu đều đạt.",
    "help.param.org": "Tên cơ quan ở đầu báo cáo xlsx/html (tên chính thức của đơn vị).",
    "help.param.csv_style": (
        "Dạng CSV: excel (dấu ';', dấu thập phân ',', BOM: mở được trong Excel tiếng Việt)"
        " hoặc plain (',' và '.', cho các chương trình)."
    ),
    "help.param.sheet": "Biểu xã, biểu huyện hay cả hai.",
    "help.param.layout": (
        "wide: mỗi đơn vị một dòng; vertical: biểu trạm tự điền, mỗi chỉ tiêu một dòng."
    ),
    "help.param.force": "Ghi đè nếu tệp đã có.",
    "metavar.files": "TỆP",
    "metavar.period": "KỲ",
    "metavar.plan": "MÃ",
    "metavar.indicators": "TỆP",
    "metavar.output": "TỆP",
    "metavar.org": "TÊN",
    "usage.line": "{command}: {message} (xem: {command} --help)",
    "usage.no_such_option": "không có tùy chọn {option}",
    "usage.did_you_mean": "có phải {names}?",
    "usage.no_such_command": "không có lệnh “{name}”; các lệnh: {commands}",
    "usage.missing_argument": "thiếu {name}",
    "usage.missing_command": "thiếu tên lệnh; các lệnh: {commands}",
    "usage.missing_option": "thiếu tùy chọn {option}",
    "usage.bad_choice": "{option} không nhận “{value}”; chọn một trong: {choices}",
    "usage.bad_value": "{option} không nhận “{value}”",
    "usage.needs_value": "tùy chọn {option} cần một giá trị",
    "usage.takes_no_value": "tùy chọn {option} không nhận giá trị",
    "usage.extra_arguments.one": "thừa đối số: {arguments}",
    "usage.extra_arguments.other": "thừa {count} đối số: {arguments}",
    "usage.invalid": "lệnh không hợp lệ: {detail}",
    "label.written": "Đã ghi {path}",
    "github.more.one": (
        "ycs: còn {count} phát hiện mức {severity} chưa được chú thích; chạy"
        " `ycs validate` để xem hết"
    ),
    "github.more.other": (
        "ycs: còn {count} phát hiện mức {severity} chưa được chú thích; chạy"
        " `ycs validate` để xem hết"
    ),
    "os.ENOENT": "không có tệp hoặc thư mục này",
    "os.EACCES": "không có quyền truy cập",
    "os.EPERM": "không được phép",
    "os.EISDIR": "đây là một thư mục",
    "os.ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "os.ENOSPC": "hết chỗ trống trên ổ đĩa",
    "os.EROFS": "ổ đĩa chỉ cho phép đọc",
    "os.EEXIST": "tệp đã có",
    "os.ENAMETOOLONG": "tên tệp quá dài",
    "os.EIO": "lỗi đọc ghi của thiết bị",
    "os.EBUSY": "thiết bị hoặc tài nguyên đang bận",
    "os.ELOOP": "quá nhiều liên kết tượng trưng lồng nhau",
    "os.EMFILE": "mở quá nhiều tệp cùng lúc",
    "os.EDQUOT": "vượt hạn mức dung lượng",
    "os.ETXTBSY": "tệp đang được dùng",
    "os.EINVAL": "tham số không hợp lệ",
}
