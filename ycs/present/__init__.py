"""The one presentation layer: words, positions and numbers for every output."""
