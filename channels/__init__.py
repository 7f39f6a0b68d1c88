"""Wegwijzer's messaging channels (WhatsApp Business Cloud API, Telegram) as Rasa input channels.

They are adapters only: the conversation, its routing and its texts stay in Rasa. See README.md
in this folder for the data flow (what happens with phone numbers and chat ids)."""
