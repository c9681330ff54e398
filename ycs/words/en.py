"""Every word ycs shows in English: one key per sentence, label or heading."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # Findings about the input (collected); formatted with the finding's params plus
    # `value`, `label` (the column's heading) and `whole_label`.
    "finding.missing_required": "Required value missing in column “{label}”",
    "finding.not_a_number": "“{value}” is not a number",
    "finding.not_an_integer": "“{value}” is not a whole number",
    "finding.negative": "“{value}” is negative; “{label}” must be at least {minimum}",
    "finding.out_of_range": "“{value}” is outside the allowed range {range}",
    "finding.not_a_boolean": "“{value}” is not yes/no (Có/Không)",
    "finding.bad_code": "Code “{value}” is invalid: {width} digits expected",
    "finding.bad_period": (
        "Cannot read period “{value}” (e.g. 2024, 2024-Q3, 10/2024, Quý III/2024)"
    ),
    "finding.missing_period": "No reporting period: add a “Kỳ báo cáo” column or use --period",
    "finding.missing_period.titled": (
        "No reporting period: add a “Kỳ báo cáo” column or use --period"
        " (the title says “{title}”: try --period {suggested})"
    ),
    "finding.duplicate_unit": "Unit {value} for period {period} already appears at {first}",
    "finding.overlapping_periods": (
        "Unit {unit}: period {value} overlaps period {other} already at {first}; this"
        " row is not used"
    ),
    "finding.part_exceeds_whole": "“{label}” ({value}) exceeds “{whole_label}” ({whole_value})",
    "finding.station_fields_without_station": (
        "“{label}” = {value} but the commune reports no health station"
    ),
    "finding.insured_exceeds_population": (
        "Insured people ({value}) exceed the population ({whole_value})"
    ),
    "finding.immunised_exceeds_cohort": (
        "Fully immunised children ({value}) exceed children under 1 ({whole_value})"
    ),
    "finding.capital_overspent": (
        "Capital disbursed ({value}) exceeds the capital plan ({whole_value})"
    ),
    "finding.total_mismatch": (
        "Total row “{label_text}”: “{label}” = {value}, the detail rows add up to {expected}"
    ),
    "finding.code_padded": (
        "{count} codes in column “{label}” had lost leading zeros (Excel); padded"
    ),
    "finding.unknown_unit": (
        "Code {value} is not in the official list of {units}; the row is left out"
    ),
    "finding.wrong_parent": "Commune {commune} belongs to {official}, not {value}",
    "finding.wrong_parent.district": (
        "District {district} belongs to province {official}, not {value}"
    ),
    "finding.unit_name_mismatch": "Name “{value}” differs from the official name “{official}”",
    "finding.missing_units": (
        "{unit} ({value}), period {period}: {reported}/{expected} communes reported;"
        " {count} missing: {listed}"
    ),
    "finding.territory_partial": (
        "{name} ({value}, in {units}) was formed partly from the territory of plan {plan}"
        " and partly from outside it: its rows are outside that plan"
    ),
    "finding.plan_without_rows": (
        "{plan}: no input row lies in its territory ({territory}, code {code})"
    ),
    "finding.plans_out_of_territory": (
        "Plans not evaluated, their territory holds no input row: {plans}"
    ),
    "finding.unit_divided": (
        "Legacy commune {value} was divided among current communes {current}: counted at"
        " province level, left out at commune level"
    ),
    "finding.unit_not_traced": (
        "Legacy commune {value} is not in the conversion table to the two-tier administrative"
        " units from 07/2025: counted in {province} at province level, left out at commune level"
    ),
    "finding.units_chosen": (
        "Period {period} read in {units} (commune codes found: {legacy} in the list before"
        " 07/2025, {current} in the list from 07/2025)"
    ),
    "finding.unknown_district": "District code {value} is not in the district sheet",
    "finding.ntc_pass_inconsistent": (
        "Commune marked as meeting the criteria but scores {score} (< 80)"
    ),
    "finding.incomplete_period.one": (
        "Unit {value} lacks {count} month of period {period}: {missing}"
    ),
    "finding.incomplete_period.other": (
        "Unit {value} lacks {count} months of period {period}: {missing}"
    ),
    "finding.unknown_column": "Ignored unrecognised column: “{value}”",
    "finding.report_skipped": "Skipped: a report written by ycs, not a submission",
    "finding.encoding_used": "File read with encoding {encoding}",
    "finding.period_inferred": "No period column: period {period} taken from “{value}”",
    "finding.no_data_rows": (
        "“{sheet_name}” has a heading row but no data row (an unfilled template?)"
    ),
    "finding.sheet_skipped": (
        "Skipped sheet “{sheet_name}”: no header row with a commune code, commune name,"
        " population, district code or district name column"
    ),
    "finding.value_column_chosen": (
        "Values read from column “{value}”, not the year-to-date column “{other}” "
        "(column {other_column})"
    ),
    "finding.unit_unresolved": (
        "Cannot tell which unit “{value}” is: {count} communes of that name in the official "
        "list{codes}; write the commune code, or the district and province names"
    ),
    # Errors that stop the run (exit 2): one line naming the file and what to do.
    "error.file_not_found": "File not found: {path}",
    "error.no_spreadsheets": "Folder {path} holds no spreadsheet (.xlsx, .xls, .ods, .csv)",
    "error.empty_file": "File {path} is empty",
    "error.unsupported_format": (
        "File {path} is not a supported spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv, .tsv)"
    ),
    "error.unsupported_format.web_page": (
        "File {path} is not a supported spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv, .tsv);"
        " it is a web page (HTML/XML) named as a spreadsheet: open it in Excel and save as .xlsx"
    ),
    "error.corrupt_file": (
        "Cannot read {path}: the file is damaged or incomplete ({reason}); save it again from Excel"
    ),
    "error.password_protected": ("{path} is password-protected; remove the password and run again"),
    "error.undecodable_text": "Cannot tell the text encoding of {path}; save it as CSV UTF-8",
    "error.no_data_sheet": (
        "{path} has no commune or district sheet (no column Mã xã / Mã huyện found)"
    ),
    "error.unreadable_file": "Cannot read {path}: {reason}",
    "error.bad_period_option": (
        "--period “{value}” is invalid (e.g. 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M)"
    ),
    "error.period_not_in_input": ("No row lies inside period {period}; the input holds: {periods}"),
    "error.level_district_current": (
        "The current units (from 07/2025) have no districts: use --level commune or province,"
        " or --units legacy"
    ),
    "error.unknown_plan": "No plan “{plan}”; known plans: {known}",
    "error.invalid_definitions.one": "Indicators file {path} has {count} problem",
    "error.invalid_definitions.other": "Indicators file {path} has {count} problems",
    "error.definitions_unreadable": "Cannot read indicators file {path}: {reason}",
    "error.definitions_unreadable.not_utf8": "Cannot read indicators file {path}: not UTF-8 text",
    "error.output_is_input": (
        "Refusing to overwrite input file {path}; choose another name for -o"
    ),
    "error.too_many_rows_for_xlsx": (
        "Cannot write {path}: {rows} rows exceed the {limit} rows of an Excel sheet; "
        "write .csv or .json instead, or choose --level district"
    ),
    "error.output_unwritable": "Cannot write {path}: {reason}",
    "error.internal_error": (
        "Internal ycs error ({detail}); run again with YCS_DEBUG=1 and report the output"
    ),
    "error.unsupported_output": (
        "Unsupported output format “{suffix}” (use .xlsx, .csv, .json, .md, .html)"
    ),
    "error.nothing_to_review": (
        "No data row has a reporting period to review: add a “Kỳ báo cáo” column or use "
        "--period (run ycs validate for details)"
    ),
    "error.unsupported_quality_output": (
        "ycs quality cannot write “{suffix}” (use .xlsx, .json, .html)"
    ),
    # Problems in an indicators file; the place and position come before them. YAML syntax
    # problems in PyYAML's words (`detail`) when no variant below words them.
    "definition.yaml_syntax": "YAML syntax error: {detail}",
    "definition.yaml_syntax.mapping_values": (
        "YAML syntax error: a “:” is not allowed here (put a value holding “: ” in quotes, or"
        " check the indentation)"
    ),
    "definition.yaml_syntax.missing_colon": "YAML syntax error: a “:” is missing after the key",
    "definition.yaml_syntax.tab": (
        "YAML syntax error: the line is indented with a tab; YAML takes spaces only"
    ),
    "definition.yaml_syntax.bad_character": (
        "YAML syntax error: a value cannot start with “{found}”; put it in quotes"
    ),
    "definition.yaml_syntax.indentation": (
        "YAML syntax error: the indentation does not match the lines above"
    ),
    "definition.yaml_syntax.flow_sequence": (
        "YAML syntax error: a “,” or the closing “]” is missing in a […] list"
    ),
    "definition.yaml_syntax.flow_mapping": (
        "YAML syntax error: a “,” or the closing “}}” is missing in a {{…}} mapping"
    ),
    "definition.yaml_syntax.escape": (
        "YAML syntax error: “\\{found}” is not an escape of a double-quoted string; use single"
        " quotes for a “\\”"
    ),
    "definition.yaml_syntax.tag": "YAML syntax error: the tag “{tag}” is not accepted",
    "definition.yaml_syntax.two_documents": (
        "YAML syntax error: the file may hold one YAML document only (remove the “---” line)"
    ),
    "definition.yaml_syntax.unquoted_target": 'YAML syntax error: quote the target: ">= 100"',
    "definition.yaml_syntax.unclosed_quote": (
        "YAML syntax error: the quote opened on line {line} is never closed"
    ),
    "definition.yaml_syntax.duplicate_key": "YAML syntax error: duplicate key “{name}”",
    # A value of the wrong shape, by pydantic's error type; `detail` is pydantic's words for
    # a type not worded here.
    "definition.bad_structure": "invalid value ({detail})",
    "definition.bad_structure.missing": "required key missing",
    "definition.bad_structure.extra_forbidden": "unknown key (a typo?)",
    "definition.bad_structure.literal_error.one": "“{input}” is invalid; expected {choices}",
    "definition.bad_structure.literal_error.other": (
        "“{input}” is invalid; expected one of: {choices}"
    ),
    "definition.bad_structure.string_type": "text expected",
    "definition.bad_structure.string_too_short": "must not be empty",
    "definition.bad_structure.string_pattern_mismatch": (
        "“{input}” may hold only letters, digits and “_”"
    ),
    "definition.bad_structure.code_digits": "“{input}” must be a code of {width} digits",
    "definition.bad_structure.bool_type": "true or false expected",
    "definition.bad_structure.int_type": "whole number expected",
    "definition.bad_structure.int_parsing": "whole number expected",
    "definition.bad_structure.int_from_float": "whole number expected",
    "definition.bad_structure.float_type": "number expected",
    "definition.bad_structure.float_parsing": "number expected",
    "definition.bad_structure.finite_number": "finite number expected",
    "definition.bad_structure.greater_than_equal": "must be ≥ {ge}",
    "definition.bad_structure.greater_than": "must be > {gt}",
    "definition.bad_structure.less_than_equal": "must be ≤ {le}",
    "definition.bad_structure.less_than": "must be < {lt}",
    "definition.bad_structure.dict_type": "“key: value” pairs expected",
    "definition.bad_structure.model_type": "“key: value” pairs expected",
    "definition.bad_structure.model_attributes_type": "“key: value” pairs expected",
    "definition.bad_structure.list_type": "a list expected (lines starting with “- ”)",
    # Where a problem is when no key path names it.
    "definition.where.file": "file",
    "definition.where.line": "line {line}",
    "definition.sheet.commune": "commune",
    "definition.sheet.district": "district",
    "definition.level.province": "province",
    "definition.level.district": "district",
    # Python's message, when no variant below words it.
    "definition.syntax": "formula syntax error: {detail}",
    "definition.syntax.invalid": "formula syntax error: invalid syntax",
    "definition.syntax.comma": "formula syntax error: invalid syntax. Perhaps you forgot a comma?",
    "definition.syntax.never_closed": "formula syntax error: '{bracket}' was never closed",
    "definition.syntax.unmatched": "formula syntax error: unmatched '{bracket}'",
    "definition.syntax.mismatched": (
        "formula syntax error: closing parenthesis '{bracket}' does not match opening"
        " parenthesis '{opening}'"
    ),
    "definition.syntax.bad_number": "formula syntax error: invalid number",
    "definition.syntax.leading_zeros": (
        "formula syntax error: leading zeros in whole numbers are not permitted"
    ),
    "definition.syntax.unterminated_string": "formula syntax error: unterminated string literal",
    "definition.syntax.bad_character": (
        "formula syntax error: character “{character}” ({code}) is not allowed in a formula"
    ),
    "definition.syntax.invisible_character": (
        "formula syntax error: the formula holds the invisible character {code}; type this"
        " part again"
    ),
    "definition.syntax.too_complex": "formula syntax error: formula too complex",
    "definition.unknown_field": "unknown field “{name}”",
    "definition.wrong_sheet_field": "field “{name}” is not on the {sheet_label} sheet",
    "definition.unknown_function": "function not allowed: “{name}”",
    "definition.not_allowed": "construct not allowed: {construct}",
    "definition.field_outside_aggregate": (
        "field “{name}” must be inside an aggregate such as sum(…)"
    ),
    "definition.nested_aggregate": "aggregates cannot be nested",
    "definition.bad_arguments.one": "{name}(…) takes exactly one argument",
    "definition.bad_arguments.none_or_one": "{name}(…) takes no argument or one",
    "definition.formula_choice": (
        "needs “numerator” and “denominator”, or “value”, or (alone) “from_coverage: true”"
    ),
    "definition.unknown_indicator": "unknown indicator “{name}”",
    "definition.bad_target": 'target “{text}” is invalid (e.g. ">= 100")',
    "definition.duplicate_id": "duplicate id “{name}”",
    "definition.unknown_territory": "no {level_label} with code {code} among {units}",
    "definition.territory_choice": (
        'territory: “national”, {{province: "15", units: legacy}} or {{district: "643",'
        " units: legacy}} (only the three-tier administrative units before 07/2025, units: legacy,"
        " have districts)"
    ),
    "definition.level_without_results": (
        "indicator “{name}” is read from the district sheet and has no commune result to judge"
    ),
    "definition.position": "position",
    # The column of a YAML syntax problem, after its line.
    "definition.position_in_line": "position",
    # Labels and sentences of the terminal tables and the exports.
    "label.national": "national",
    "label.met": "Met",
    "label.not_met": "Not met",
    "label.no_data": "No data",
    "label.undetermined": "Undetermined",
    "label.units_unknown": "Units unknown",
    "label.value_low": "Lowest value",
    "label.value_high": "Highest value",
    "label.other_indicators": "Other indicators",
    "label.judged_only_at": "judged at {level} level only",
    "label.not_assessed": "Not computed from the forms",
    "label.error": "Error",
    "label.warning": "Warning",
    "label.info": "Info",
    "label.plan": "Plan",
    "label.document": "Document",
    "label.deadline": "Deadline",
    "label.indicator": "Indicator",
    "label.indicator_id": "Indicator id",
    "label.value": "Value",
    "label.target": "Target",
    "label.status": "Status",
    "label.unit": "Unit",
    "label.level": "Level",
    "label.unit_code": "Unit code",
    "label.unit_name": "Unit name",
    "label.period": "Period",
    "label.numerator": "Numerator",
    "label.denominator": "Denominator",
    "label.rows_used": "Rows used",
    "label.rows": "Rows",
    "label.fraction": "Num./Denom.",
    "label.rows_skipped": "Rows skipped",
    "label.formula": "Formula",
    "label.severity": "Severity",
    "label.code": "Code",
    "label.file": "File",
    "label.sheet": "Sheet",
    "label.row": "Row",
    "label.column": "Column",
    "label.cell": "Cell",
    "label.field": "Field",
    "label.cell_value": "Cell value",
    "label.message": "Message",
    "label.commune": "Commune",
    "label.district": "District",
    "label.province": "Province",
    # The two sets of official units (SPEC §7.1) in a sentence; data keeps legacy/current.
    "units_set.legacy": "the three-tier administrative units before 07/2025",
    "units_set.current": "the two-tier administrative units from 07/2025",
    "label.whole_input": "All data",
    "label.summary": "Summary",
    "label.results": "Results",
    "label.findings": "Data checks",
    "label.before_deadline": "before the {year} deadline",
    "label.after_deadline": "{year} deadline reached",
    "label.deadline_status": "Plan deadline",
    "label.annualised": "annualised",
    "label.annualised_value": "{value} annualised ({months} months of data: {raw})",
    "label.annualised_from": "annualised, {months}/12 months",
    "label.annualized_value": "Annualised value",
    "label.months_covered": "Months covered",
    "label.over_time": "Over time",
    "label.stock": "stock (latest sub-period)",
    "label.flow": "flow (sub-periods summed)",
    "label.other_fields": "every other field",
    "label.no_findings": "Data valid: no findings.",
    "count.units_unknown.one": "{count} unit unknown",
    "count.units_unknown.other": "{count} units unknown",
    "count.error.one": "{count} error",
    "count.error.other": "{count} errors",
    "count.warning.one": "{count} warning",
    "count.warning.other": "{count} warnings",
    "count.info.one": "{count} info",
    "count.info.other": "{count} info",
    "number.thousands": ",",
    "number.decimal": ".",
    "label.and_more": "… and {count} more",
    "label.more_in_validate": "… and {count} more (see: ycs validate)",
    "label.rows_from_sheets": "{rows} from {sheets}",
    "count.data_row.one": "{number} data row",
    "count.data_row.other": "{number} data rows",
    "count.sheet.one": "{count} sheet",
    "count.sheet.other": "{count} sheets",
    # The data-quality review (SPEC §9), worded as a WHO Data Quality Review annual report.
    "quality.finding.missing_units": (
        "Units without a report: {count} (periods: {periods}): {units}"
    ),
    "quality.finding.incomplete_period": "No unit sent a report for {missing}",
    "quality.finding.outlier_over_time": (
        "“{label}” = {value} departs from the unit's own series (median {median}, "
        "modified z-score {score})"
    ),
    "quality.finding.outlier_between_units": (
        "“{label}” = {value}, {rate} per 1,000 people, against {mean_rate} on average"
        " in the province's other communes (z-score {score})"
    ),
    "quality.finding.inconsistent_over_time": (
        "Yearly “{label}” = {value}, {score}% off the mean of the {years} years before ({mean})"
    ),
    "quality.finding.related_fields_inconsistent": (
        "Live births in the year ({value}) differ by {score}% from children under 1 ({infants})"
    ),
    "quality.finding.population_jump": (
        "Population {value} changed by {score}% from the year before ({before})"
    ),
    "quality.label.title": "DATA QUALITY REVIEW",
    "quality.label.subtitle": (
        "following the World Health Organization's Data Quality Review (DQR) toolkit"
    ),
    "quality.label.territory": "Territory",
    "quality.label.periods": "Periods",
    "quality.label.made": "Made on",
    "quality.label.inputs": "Input files",
    "quality.label.scorecard": "Data quality scorecard",
    "quality.label.findings": "Findings",
    "quality.label.unit": "Unit",
    "quality.label.reports": "Reports received/expected",
    "quality.label.received": "Reports received",
    "quality.label.due": "Reports due",
    "quality.label.completeness": "Completeness (%)",
    "quality.label.below_benchmark": "Periods below {benchmark}%",
    "quality.label.flagged": "Outlier values (%)",
    "quality.label.inconsistent": "Units inconsistent over time",
    "quality.label.severity": "Severity",
    "quality.label.period": "Period",
    "quality.label.field": "Field",
    "quality.label.value": "Value",
    "quality.label.expected": "Expected range",
    "quality.label.message": "Message",
    "quality.label.check": "Check",
    "quality.label.cell": "Cell",
    "quality.label.none": "No problems found.",
    "quality.label.moderate": (
        "Moderately deviating values (z-score {low} to under {high}) against the "
        "province's communes: {count}, units: {units}; the exported file (-o) lists "
        "them all"
    ),
    "quality.label.benchmark_note": (
        "WHO benchmark: ≥ {benchmark}% of reports received; outliers at modified "
        "z-score ≥ {modified_z}"
    ),
    "quality.label.validation_note": (
        "Input checks, errors: {errors}, warnings: {warnings} (run ycs validate to see them)"
    ),
    "quality.label.chart": "Series",
    "quality.label.flagged_point": "flagged value",
    "quality.label.completeness_sheet": "Completeness",
    "quality.label.moderate_details": (
        "{count} moderately deviating values against the province's communes (information)"
    ),
    # The WHO DQR dimensions under which the findings are listed.
    "quality.dimension.completeness": "Completeness of reporting",
    "quality.dimension.internal_consistency": "Internal consistency: outliers",
    "quality.dimension.consistency_over_time": "Consistency over time",
    "quality.dimension.related_data": "Consistency between related data",
    "quality.dimension.denominators": "Denominators: population",
    # The blank template's instructions sheet.
    "template.vertical_title_commune": "GRASSROOTS HEALTH REPORT OF THE COMMUNE HEALTH STATION",
    "template.vertical_title_district": "REPORT OF THE DISTRICT HEALTH CENTRE",
    "template.vertical_hint": (
        "Fill in the cells after each “:” and the “Số lượng” column; a blank cell means "
        "missing, not zero."
    ),
    "template.vertical_unit_yes_no": "Có/Không (yes/no)",
    "template.vertical_unit_percent": "%",
    "template.vertical_unit_count": "Number",
    "template.sheet_title_commune": "COMMUNE SHEET",
    "template.sheet_title_district": "DISTRICT SHEET",
    "template.title_commune": (
        "COMMUNE SHEET: one row per commune per reporting period. Yellow bold columns"
        " are required; see the “Instructions” sheet."
    ),
    "template.title_district": (
        "DISTRICT SHEET: one row per district health centre per reporting period. "
        "Yellow bold columns are required; see the “Instructions” sheet."
    ),
    "template.instructions_title": "HOW TO FILL IN THE GRASSROOTS HEALTH SUBMISSION TEMPLATE",
    "template.instructions_sheet": "Instructions",
    "template.rules": "General rules",
    "template.rule_row": "One row per unit (a commune or a district) per reporting period.",
    "template.rule_blank": (
        "A blank cell means the figure is missing, not zero. Write 0 when the figure is zero."
    ),
    "template.rule_codes": (
        "Province (2 digits), district (3) and commune (5) codes are the GSO "
        "administrative codes; keep their leading zeros (e.g. 00004). Code columns "
        "are formatted as text."
    ),
    "template.rule_period": (
        "Reporting period: 2024 (year), 2024-H1 (first half), 2024-9M (nine months), "
        "2024-Q3 (third quarter), 2024-10 (October). Fill it in on every row; a blank"
        " period is accepted only when the office that collects the files runs ycs "
        "with --period."
    ),
    "template.rule_headers": (
        "Do not edit, delete or move the column headings; optional columns may stay blank."
    ),
    "template.rule_bool": "Có/Không (yes/no) columns: pick from the drop-down list.",
    "template.column": "Column and heading",
    "template.type": "Data type",
    "template.required": "Required",
    "template.note": "Note",
    "template.yes": "Yes",
    "template.no": "No",
    "template.period_required": "Yes, unless --period is given",
    "template.column_ref": "Column {letter}: {heading}",
    "template.code": "{width}-digit code (GSO administrative code), keep leading zeros",
    "template.text": "Text",
    "template.period": "Period: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M…",
    "template.bool": "Có/Không (yes/no)",
    "template.int_min": "Whole number ≥ {minimum}",
    "template.num_min": "Number ≥ {minimum}",
    "template.int_range": "Whole number from {minimum} to {maximum}",
    "template.num_range": "Number from {minimum} to {maximum}",
    "template.pct": "Percentage from 0 to 100",
    "template.needs_station": "Only when the commune has a health station.",
    "template.not_above": "Must not exceed “{whole}”.",
    "template.warn_above": "A warning is given when above “{whole}”.",
    "template.invalid": "Invalid value",
    # The heading, summary and signature block of a forwarded report (xlsx, html).
    "label.title_check": "Grassroots health targets report",
    "label.title_validate": "Grassroots health data check",
    "label.territory": "Territory",
    "label.report_period": "Period",
    "label.made_on": "Made on",
    "label.coverage_formula": "communes reported / communes expected",
    "label.reported_short": "Reported",
    "label.expected_units": "Units expected",
    "label.reported_units": "Units reported",
    "label.units_reported": "Units reported/expected",
    "label.units_province": "provinces",
    "label.units_district": "districts",
    "label.units_commune": "communes",
    "label.rows_commune": "commune rows",
    "label.rows_district": "district rows",
    "label.data_read": "Data read",
    "label.place_date": "{place}, {day}/{month}/{year}",
    "label.prepared_by": "Prepared by",
    "label.sign_name": "(Signature and full name)",
    "label.head_of_office": "Head of office",
    "label.sign_seal": "(Signature and seal)",
    "label.number": "No.",
    "label.units_met": "Units meeting",
    "label.summary_title": "Summary: plan targets and results",
    "label.results_title": "Detailed results (one row per target, unit and period)",
    "label.findings_title": "Data checks",
    "label.no_results": "No results.",
    "label.page_footer": "&CPage &P of &N",
    "label.chart_title": "Value against target",
    "label.targets_met": "Targets met",
    "label.grid_legend": (
        "Green: target met; red: not met; amber: undetermined (the range the unknown units"
        " allow); grey: no data. Each target is under its indicator."
    ),
    "label.contents": "Contents",
    "error.template_exists": "{path} already exists; use --force to overwrite it",
    "error.template_not_xlsx": (
        "The template is an .xlsx workbook: name it e.g. mau_bao_cao.xlsx (cannot write {path})"
    ),
    # Hostile input: special files, limits decided before parsing, overflow.
    "finding.value_not_finite": (
        "Indicator “{indicator}” ({unit}, {period}) is beyond the range of numbers "
        "(overflow); counted as no data — check the formula or its factor"
    ),
    "error.symlink_loop": "Cannot open {path}: a symbolic link that loops back on itself",
    "error.not_a_file": (
        "{path} is not a regular file (a device, pipe or socket); name a spreadsheet file"
    ),
    "error.over_limit": (
        "Not reading {path}: {limit_label} is {value}, over the limit of {maximum} that no "
        "real spreadsheet reaches; the file is damaged or made to do harm"
    ),
    "error.out_of_memory": (
        "Not reading {path}: it needs more than 1 GiB of memory, which no real spreadsheet "
        "does; the file is damaged or made to do harm"
    ),
    "error.over_time_limit": (
        "Stopped reading {path} after {seconds} s; the file is damaged or too large"
    ),
    "error.indicators_too_large": (
        "Indicators file {path} is larger than {maximum} bytes; a real one is a few dozen KB"
    ),
    "limit.rows": "the rows a sheet declares",
    "limit.columns": "the columns a sheet declares",
    "limit.cells": "the cells declared",
    "limit.shared_strings": "the shared strings declared",
    "limit.zip_entries": "the entries of the zip archive",
    "limit.unpacked_bytes": "the unpacked size in bytes",
    "limit.zip_ratio": "the compression ratio of an entry",
    "limit.text_bytes": "the size of the text file in bytes",
    "definition.yaml_alias": (
        "YAML anchors and aliases (&name, *name) are not accepted in an indicators "
        "file; write the content out"
    ),
    "definition.yaml_too_deep": "nested deeper than {maximum} levels",
    # The command line: help pages (per command, then per option: help.<command>.<option>
    # before help.param.<option>), metavars, and usage errors (one line, exit 2).
    "help.usage": "Usage:",
    "help.options_metavar": "[OPTIONS]",
    "help.command_metavar": "COMMAND [ARGS]...",
    "help.section.arguments": "Arguments",
    "help.section.options": "Options",
    "help.section.commands": "Commands",
    "help.default": "default: {value}",
    "help.required": "required",
    "help.example": "Example: {example}",
    "help.command.app": (
        "Validate grassroots-health submissions and check them against plan targets."
        " Each command's use: ycs COMMAND --help."
    ),
    "help.example.app": "ycs check bao_cao_2024.xlsx -o ket_qua.xlsx",
    "help.command.validate": "Read and validate submissions; print every finding with its cell.",
    "help.example.validate": "ycs validate bao_cao_2024.xlsx --format github",
    "help.command.check": (
        "Validate, compute the indicators and compare them with the plans' targets."
    ),
    "help.example.check": (
        "ycs check bao_cao_2024.xlsx --period 2024 --level district -o ket_qua.xlsx"
    ),
    "help.command.quality": (
        "Review the data's quality as the WHO Data Quality Review does: a scorecard, then findings."
    ),
    "help.example.quality": (
        "ycs quality bao_cao_thang_2020_2024.csv --period 2024 -o chat_luong.html"
    ),
    "help.command.template": (
        "Write the blank submission workbook that communes and districts fill in."
    ),
    "help.example.template": "ycs template -o mau_bao_cao.xlsx --sheet commune",
    "help.command.indicators": "List the indicators and the plans with their targets.",
    "help.example.indicators": "ycs indicators --plan qd2348_2025",
    "help.param.files": "Spreadsheets (.xlsx .xls .ods .csv …) or folders holding them.",
    "help.param.lang": "Language of messages and tables (default: YCS_LANG, or vi).",
    "help.param.units": (
        "Official units to read codes in: legacy (three-tier, to 06/2025), current (two-tier,"
        " from 07/2025), or auto"
        " per period."
    ),
    "help.param.period": (
        "Combine per unit the rows inside this period (stocks: latest month, flows: summed);"
        " rows without a period take it (2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M,"
        " “Quý III/2024” …)."
    ),
    "help.param.quiet": (
        "Results only: no progress bar, no summary or notes, no line naming the file written;"
        " only the findings that decide the exit code are listed."
    ),
    "help.param.help": "Show this help and exit.",
    "help.param.version": "Show ycs's version and exit.",
    "help.param.output_format": "What to print on stdout.",
    "help.validate.output_format": "table, json, or github (GitHub Actions annotations).",
    "help.param.strict": "Warnings fail too (exit 1).",
    "help.param.plan": "Plan id (repeatable); default: every plan whose territory holds the data.",
    "help.indicators.plan": "Show only this plan (repeatable).",
    "help.param.level": "Report per province, district or commune.",
    "help.quality.level": "Scorecard per district (default), province or commune.",
    "help.param.indicators": "Use this indicators.yaml instead of the one ycs ships.",
    "help.quality.indicators": "Take the thresholds from this indicators.yaml.",
    "help.param.output": "Also write the report: .xlsx .csv .json .md .html.",
    "help.quality.output": "Also write the review: .xlsx .json .html.",
    "help.template.output": "Where to write the workbook.",
    "help.param.fail_on_unmet": "Exit 1 unless every target is met.",
    "help.param.org": "Organisation heading the xlsx/html report (the office's official name).",
    "help.param.csv_style": (
        "CSV form: excel (';', decimal comma, BOM: opens in Vietnamese Excel) or plain"
        " (',' and '.', for scripts)."
    ),
    "help.param.sheet": "The commune sheet, the district sheet, or both.",
    "help.param.layout": (
        "wide: one row per unit; vertical: the form a station fills in for itself, one row"
        " per indicator."
    ),
    "help.param.force": "Overwrite the file if it exists.",
    "metavar.files": "FILE",
    "metavar.period": "PERIOD",
    "metavar.plan": "ID",
    "metavar.indicators": "FILE",
    "metavar.output": "FILE",
    "metavar.org": "NAME",
    "usage.line": "{command}: {message} (see: {command} --help)",
    "usage.no_such_option": "no such option {option}",
    "usage.did_you_mean": "did you mean {names}?",
    "usage.no_such_command": "no such command “{name}”; the commands are: {commands}",
    "usage.missing_argument": "missing {name}",
    "usage.missing_command": "missing the command; the commands are: {commands}",
    "usage.missing_option": "missing option {option}",
    "usage.bad_choice": "{option} does not accept “{value}”; choose one of: {choices}",
    "usage.bad_value": "{option} does not accept “{value}”",
    "usage.needs_value": "option {option} needs a value",
    "usage.takes_no_value": "option {option} takes no value",
    "usage.extra_arguments.one": "unexpected argument: {arguments}",
    "usage.extra_arguments.other": "{count} unexpected arguments: {arguments}",
    "usage.invalid": "invalid command line: {detail}",
    "label.written": "Written: {path}",
    "github.more.one": (
        "ycs: {count} more {severity} finding not annotated; run `ycs validate` for all of them"
    ),
    "github.more.other": (
        "ycs: {count} more {severity} findings not annotated; run `ycs validate` for all of them"
    ),
    "os.ENOENT": "no such file or directory",
    "os.EACCES": "permission denied",
    "os.EPERM": "operation not permitted",
    "os.EISDIR": "it is a directory",
    "os.ENOTDIR": "a part of the path is not a directory",
    "os.ENOSPC": "no space left on the device",
    "os.EROFS": "the file system is read-only",
    "os.EEXIST": "the file exists",
    "os.ENAMETOOLONG": "the file name is too long",
    "os.EIO": "input/output error",
    "os.EBUSY": "the device or resource is busy",
    "os.ELOOP": "too many levels of symbolic links",
    "os.EMFILE": "too many open files",
    "os.EDQUOT": "disk quota exceeded",
    "os.ETXTBSY": "the file is busy",
    "os.EINVAL": "invalid argument",
}
