"""``evaluate init`` and ``evaluate new-plugin``: the folder written and what to say, or refused.

Every problem is a :class:`~evaluator._core.problems.Refusal` naming the folder:
in use, not writable, a plugin name that cannot be one.
"""

from __future__ import annotations

from evaluator._core.model import Message
from evaluator._core.problems import Refusal
from evaluator._scaffold.new_plugin import name_problem, package_folder, write_plugin
from evaluator._scaffold.starter import StarterError, write_starter

__all__ = ["start_evaluation", "start_plugin"]


def start_evaluation(folder: str) -> Message:
    """Write the starter evaluation folder (:mod:`.starter`); what was written, to say."""
    try:
        written = write_starter(folder)
    except StarterError as exc:
        raise Refusal(Message(exc.code, {"folder": exc.folder})) from None
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    units = [p for p in written if p.parent.name == "submissions" and p.suffix == ".yaml"]
    criteria = sum(1 for p in written if "criteria" in p.parts)
    return Message("cli.init_done", {"folder": folder, "criteria": criteria, "units": len(units)})


def start_plugin(name: str, folder: str | None = None, title: str | None = None) -> Message:
    """Write the plugin package ``name`` (:mod:`.new_plugin`) to ``folder`` (default
    ``evaluator-NAME``); what was written, to say."""
    problem = name_problem(name)
    if problem is not None:
        raise Refusal(problem)
    folder = folder or package_folder(name)
    try:
        write_plugin(name, folder, title)
    except FileExistsError:
        raise Refusal(Message("cli.folder_in_use", {"folder": folder})) from None
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    return Message("cli.new_plugin_done", {"name": name, "folder": folder})


def _cannot_write(folder: str, exc: OSError) -> Refusal:
    params = {"folder": folder, "reason": exc.strerror or str(exc)}
    return Refusal(Message("cli.cannot_write", params))
