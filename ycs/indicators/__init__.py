"""The formula language, indicator and plan definitions, evaluation, comparison."""
