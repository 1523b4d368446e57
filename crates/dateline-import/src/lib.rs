//! Importers: agency wire copy into domain values.
