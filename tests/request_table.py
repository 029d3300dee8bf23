"""The request record list the reading tests share: a schema with Chinese titles, compiled.

Used by ``test_record_rows.py``, ``test_spreadsheets.py`` and
``test_csv_plain_rows.py``: CSV files and sheets are read by the same code, and
their tests read the same kind of list.
"""

from __future__ import annotations

from evaluator._inputs.record_rows import compile_record
from evaluator.section_schema import BOOLEAN, DATE, ID, labelled_enum, record_schema, titled

REQUEST = record_schema(
    {
        "id": titled(ID, "申请编号"),
        "received_on": titled(DATE, "收到日期"),
        "replied_on": titled(DATE, "答复日期"),
        "extended": titled(BOOLEAN, "是否延期"),
        "outcome": titled(
            labelled_enum({"granted": "予以公开", "refused": "不予公开"}), "处理结果"
        ),
    },
    ["id", "received_on"],
)
TABLE = compile_record(REQUEST)
HEADER = ["申请编号", "收到日期", "答复日期", "是否延期", "处理结果"]
"""The list's header as a clerk's sheet gives it: the Chinese titles."""
