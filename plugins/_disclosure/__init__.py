"""Helpers the four area plugins share: labels in both languages, schema fields, the request clock.

Not a plugin (the engine loads ``plugins/*.py`` files, and skips this folder):
each area plugin puts ``plugins/`` on the import path and imports from here.
"""
