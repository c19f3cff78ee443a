"""Writers for what an audit leaves in its output folder (see `../shared/output-contract.md`)."""
