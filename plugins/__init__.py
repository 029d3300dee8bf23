"""The built-in areas of a disclosure evaluation, one plugin module per area.

Installed as the package ``evaluator_areas``, each module registered in the
entry-point group ``evaluator`` (see ``pyproject.toml``): a wheel and a clone
installed with ``pip install -e .`` load them the same way, once. Each module
is also a plain file plugin (``evaluate --plugins-dir plugins``, the repository's
own tests), so the modules never import one another.
"""
