"""eventwire: news in, PLOVER political event records out, each tied to its sentence."""
__version__ = "0.1.0"
