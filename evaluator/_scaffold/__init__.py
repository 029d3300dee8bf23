"""What ``evaluate init`` (:mod:`.starter`) and ``evaluate new-plugin`` (:mod:`.new_plugin`,
from ``plugin_template/``) write; :mod:`.folders` runs either for the command line."""
