"""The OpenAI-compatible HTTP API over the answer service: GET /v1/models and
POST /v1/chat/completions (streamed or not), for Open WebUI, editor plugins, bots and any
`openai` client. `balkans-qa chat` serves it beside the page, on the same port (bot/server.py)."""
