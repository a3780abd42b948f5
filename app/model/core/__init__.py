"""What every feature of the domain shares: tables, values handed out, errors, changes, text."""
