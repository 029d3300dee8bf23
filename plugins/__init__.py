"""The built-in areas of a disclosure evaluation, one plugin package per area.

Installed as the package ``evaluator_areas``, each area registered in the
entry-point group ``evaluator`` (see ``pyproject.toml``): a wheel and a clone
installed with ``pip install -e .`` load them the same way, once. Each area is
also a plain plugin package for ``evaluate --plugins-dir plugins``, which
imports the folder's packages under one parent, so the relative imports of
the shared helpers (``_disclosure``) work either way. Areas never import one
another.
"""
