"""One module per schema revision; the package marker makes them ship with the wheel."""
