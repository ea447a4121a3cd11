"""Test helpers shared across the suite (importable as ``support``)."""
