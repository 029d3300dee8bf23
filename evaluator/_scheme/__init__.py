"""Stage 1: the scheme, loaded from the criteria folder and checked against the plugins.

The scheme, its dimensions, indicators and checklists, and the evaluator's
facts file (:mod:`.criteria`), each validated against the JSON Schemas shipped
in ``evaluator/schemas``; every indicator's params are checked against its
scorer before any unit is read.
"""
