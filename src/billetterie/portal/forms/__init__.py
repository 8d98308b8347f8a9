"""The portal's forms, one module per page concept: they carry the referent's input to the services."""
