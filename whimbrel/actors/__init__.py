"""Actor dictionaries (countries, IGOs, groups, sectors, office-holders by date) and resolution."""
