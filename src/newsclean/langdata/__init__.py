"""Data for language identification: scripts, close-pair evidence, hints.

Plain TOML files read with :mod:`importlib.resources`; the format is described in
``docs/language.md`` and in the comments at the top of each file.
"""
