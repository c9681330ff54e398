"""`python -m ycs` runs the command line."""

from ycs.cli import app

app(prog_name="ycs")
