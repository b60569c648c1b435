"""Helpers the tests share: programs on this machine, nginx for the web server tests, test
clinic data and the in-process content checks."""
