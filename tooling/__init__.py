"""Development tooling that runs beside the project: custom checks for `make test`, never imported by the site."""
