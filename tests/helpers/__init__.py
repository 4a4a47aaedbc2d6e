"""Helpers shared by test modules: import them as ``tests.helpers.<module>`` (never from another test module)."""
