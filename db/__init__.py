"""Data layer: embedded Postgres, migrations, the two transports and the typed repository."""
