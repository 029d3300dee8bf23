"""Reading files safely, for the scheme and the submissions alike.

Size caps before anything is read (:mod:`.files`), strict YAML that keeps
positions (:mod:`.yaml_reader`), and JSON Schema validation whose errors name
the line (:mod:`.validation`, which first asks a compiled quick check,
:mod:`.quick_schema`).
"""
