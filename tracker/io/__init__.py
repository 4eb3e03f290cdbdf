"""Files in and out: the ledger CSV, briefing exports, backups."""
