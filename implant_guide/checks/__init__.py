"""Checks of the content sources before pages are written, and of the built site."""
