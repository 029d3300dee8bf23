"""Reading what evaluators and units hand in: files, YAML, CSV, the scheme, submissions.

Every reader here turns a file into validated data or into located errors
(file, line, column, what was expected); nothing here scores.
"""
