"""Benchmarks (never part of the test run); an installed app only under config.settings.bench."""
