"""``python -m checker``: the same command line as ``checker``."""

from .cli import main

main()
