"""Stages 3 and 4: every unit scored, then each kind ranked.

:mod:`.engine` runs an evaluation (in this process, in worker processes,
:mod:`.workers`, or on Dask) and keeps finished units on disk
(:mod:`.spool`); :mod:`.score` turns a scorer's outcome into an indicator's
result and indicators into dimension and total scores; :mod:`.ranking` ranks
and grades; :mod:`.robustness` gives rank ranges under perturbed weights.
:mod:`.runs` is what the command line calls: options from the folders a user
named, the engine loaded, a folder scored (a :mod:`.progress` bar meanwhile) or
checked; :mod:`.interrupts` makes ``SIGTERM`` unwind as Ctrl-C does.
"""
