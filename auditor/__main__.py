"""`python -m auditor`: the same command line as `auditor`."""

from auditor.cli import app

app(prog_name="auditor")
