"""Integrations with other frameworks, each behind its own optional extra.

- :mod:`newsclean.contrib.scrapy`: an item pipeline (``pip install "newsclean[scrapy]"``).

Importing this package needs nothing beyond newsclean; each submodule imports its
framework and says which extra to install when it is missing.
"""
