"""`python -m warlog` is the `warlog` command."""

from warlog.cli import main

main()
