"""Pelican plugins: each has a `register()` that connects it to Pelican's signals."""
