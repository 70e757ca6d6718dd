"""Readers for the shared gold sets, metrics, and `whimbrel eval`."""
