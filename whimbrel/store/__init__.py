"""The DuckDB store: schema, writer, queries and exports."""
