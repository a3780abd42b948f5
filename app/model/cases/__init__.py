"""Cases and their attributes: the cases service, attribute sheets, the order of attribute values."""
