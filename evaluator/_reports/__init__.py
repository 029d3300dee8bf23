"""Stage 5: renderings of an evaluation's canonical results, one module per output form.

No renderer recomputes a score; each formats what the
:class:`~evaluator._core.model.Evaluation` holds, as Lighthouse renders its JSON:
the JSON itself (:mod:`.json_results`), tables and markdown (:mod:`.text`),
CSV (:mod:`.csv_tables`), the workbook (:mod:`.xlsx`), the HTML page and the
feedback pages (:mod:`.html`, :mod:`.feedback`, Jinja2 templates in
``templates/``), all through one escaping module (:mod:`.escaping`). The
units' fill-in workbook (:mod:`.template`) is rendered from the plugins'
schemas the same way. :mod:`.output` checks where results go and in which form
before a run, then writes them, files atomically (:mod:`.atomic`);
:mod:`.schemas` gives the JSON Schemas ``evaluate schema`` prints.
"""
