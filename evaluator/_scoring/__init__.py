"""Stages 3 and 4: every unit scored, then each kind ranked.

:mod:`.engine` runs an evaluation (in this process, in worker processes,
:mod:`.workers`, or on Dask) and keeps finished units on disk
(:mod:`.spool`); :mod:`.score` turns a scorer's outcome into an indicator's
result and indicators into dimension and total scores; :mod:`.ranking` ranks
and grades; :mod:`.robustness` gives rank ranges under perturbed weights.
"""
