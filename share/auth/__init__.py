"""Accounts: sign-in, registration, profiles and the role guard."""
