"""Finding, loading and checking plugins: installed entry points, then file plugins.

:mod:`.loader` finds and imports them (rules in its docstring) and
:mod:`.contents` checks what each registers (scorers, sections, facts, texts);
:mod:`.listing` is what ``evaluate plugins`` shows of them.
"""
