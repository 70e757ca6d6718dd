"""Who says so: sentence kinds (reporting, quotation, commentary...), speakers and outlets."""
