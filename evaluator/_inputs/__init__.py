"""Stage 2: each unit's submission, read into validated records.

Which entries are units (:mod:`.entries`); a YAML submission and the record
files it names (:mod:`.submissions`, :mod:`.record_files`, CSV in
:mod:`.csv_records`, sheets in :mod:`.spreadsheets`, cell by cell in
:mod:`.record_rows` and :mod:`.cells`); a unit as one workbook
(:mod:`.workbook`, laid out by :mod:`.workbook_layout`); validating and
converting what was read (:mod:`.drafts`); where a record sits, for
``validate``'s warnings (:mod:`.locate`).
"""
