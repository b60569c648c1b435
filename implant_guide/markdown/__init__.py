"""Markdown extensions: the syntax editors write in articles and pages."""
