"""Helpers the tests share: programs on this machine, a web server, test clinic data."""
