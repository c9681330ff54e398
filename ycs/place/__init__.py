"""Placing rows in territory (the official units) and in time (periods)."""
