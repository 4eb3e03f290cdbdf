"""The domain: models, units, money, numbers, parsing, display and exchange rates; no I/O."""
