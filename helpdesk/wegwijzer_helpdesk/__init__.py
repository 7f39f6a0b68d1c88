"""Wegwijzer helpdesk: review of the assistant's conversations (pseudonymised) for school staff."""
