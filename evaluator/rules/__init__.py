"""Generic scoring shapes that scorers of any area reuse.

Each helper is a pure function of numbers and records, knows nothing about
government disclosure, and returns points plus the findings that explain them
(or, for deadlines, a verdict the scorer words), so that every lost point names
its rule and its records. Points come out exact (:class:`~fractions.Fraction`)
so that equal true totals tie.

- points: :func:`exact_goalpost`, :class:`Deduction` and
  :func:`capped_deductions`;
- deadlines: clocks in working days, calendar days or elapsed time
  (:data:`WORKING_DAYS`, :data:`CALENDAR_DAYS`, :data:`ELAPSED_TIME`), the
  verdict on one record (:func:`deadline_status`, :func:`check_deadline`), and
  which year's run judges it (:func:`settlement`, :func:`settled_on`,
  :func:`settled_in`); each of these has a column form, the same rule over
  numpy arrays of date ordinals for a whole list at once
  (:func:`deadline_status_columns`, :func:`due_columns`,
  :func:`settlement_columns`, :func:`settled_on_columns`,
  :func:`settled_in_columns`; codes into :data:`STATUSES` and
  :data:`SETTLEMENTS`), over the day index of
  :func:`evaluator.working_days.day_span` (numpy needed, not a dependency:
  the ``columns`` extra);
- records a unit submits: ids and addresses compared as people read them
  (:func:`normalise_id`, :func:`normalised_ids`, :func:`normalise_url`,
  :func:`visible`), copies of a record (:func:`find_copies`) judged by the worst
  (:func:`worst`), and records equal but for their ids (:func:`same_content`);
- shared finding codes (``integrity.duplicate_id`` and the like), their texts
  (:data:`MESSAGES`, part of the engine's catalogue) and the :class:`Term`
  values that fill them.
"""

from __future__ import annotations

from evaluator._core.shared_texts import (
    AFTER_SNAPSHOT,
    DUPLICATE_ID,
    MESSAGES,
    NONE_REPORTED,
    OUTSIDE_YEAR,
    PART_EXCEEDS_TOTAL,
    REPLY_BEFORE_REQUEST,
    SAME_CONTENT,
    SET_ASIDE,
    SETTLED,
    Term,
    subject,
    terms,
    worst_copy_counts,
)
from evaluator.rules._deadlines import (
    CALENDAR_DAYS,
    ELAPSED_TIME,
    SETTLEMENTS,
    STATUSES,
    WORKING_DAYS,
    Clock,
    DeadlineCheck,
    DeadlineStatus,
    Settlement,
    check_deadline,
    deadline_status,
    deadline_status_columns,
    due_columns,
    settled_in,
    settled_in_columns,
    settled_on,
    settled_on_columns,
    settlement,
    settlement_columns,
)
from evaluator.rules._records import (
    Copies,
    find_copies,
    normalise_id,
    normalise_url,
    normalised_ids,
    same_content,
    visible,
    worst,
)
from evaluator.rules._scores import (
    Deduction,
    capped_deductions,
    exact_goalpost,
)

__all__ = [
    "AFTER_SNAPSHOT",
    "CALENDAR_DAYS",
    "DUPLICATE_ID",
    "ELAPSED_TIME",
    "MESSAGES",
    "NONE_REPORTED",
    "OUTSIDE_YEAR",
    "PART_EXCEEDS_TOTAL",
    "REPLY_BEFORE_REQUEST",
    "SAME_CONTENT",
    "SETTLED",
    "SETTLEMENTS",
    "SET_ASIDE",
    "STATUSES",
    "WORKING_DAYS",
    "Clock",
    "Copies",
    "DeadlineCheck",
    "DeadlineStatus",
    "Deduction",
    "Settlement",
    "Term",
    "capped_deductions",
    "check_deadline",
    "deadline_status",
    "deadline_status_columns",
    "due_columns",
    "exact_goalpost",
    "find_copies",
    "normalise_id",
    "normalise_url",
    "normalised_ids",
    "same_content",
    "settled_in",
    "settled_in_columns",
    "settled_on",
    "settled_on_columns",
    "settlement",
    "settlement_columns",
    "subject",
    "terms",
    "visible",
    "worst",
    "worst_copy_counts",
]
