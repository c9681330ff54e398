"""`python -m ycs` runs the command line."""

from ycs.launch import run

run()
