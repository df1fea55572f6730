"""The public API: every CLI verb is a function of the same name, and no subpackage shadows one."""
import importlib
import inspect

import eventwire
from eventwire.cli import app

SUBPACKAGES = ["eventwire.readers", "eventwire.segment", "eventwire.nlp", "eventwire.resolve", "eventwire.coder",
               "eventwire.merger", "eventwire.store", "eventwire.exporter", "eventwire.pipeline", "eventwire.batch",
               "eventwire.analysis", "eventwire.web", "eventwire.eval", "eventwire.feeds"]


def test_public_functions_stay_functions_after_every_subpackage_is_imported():
    for name in SUBPACKAGES:
        importlib.import_module(name)
    for name in eventwire.__all__:
        if name != "__version__":
            assert inspect.isfunction(getattr(eventwire, name)), name


def test_each_library_verb_has_a_cli_command_of_the_same_name():
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    for name in ("ingest", "code", "watch", "merge", "export", "stats", "demo"):
        assert name in commands
        assert name in eventwire.__all__
