"""The field catalogue, cell parsers and validation rules."""
