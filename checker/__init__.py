"""checker: a translation-quality and consistency checker for technical Korean."""

__version__ = "0.1.0"
